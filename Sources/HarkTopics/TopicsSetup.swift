import HarkCore

/// Where a transcript's topics come from: `--topics FILE`, else
/// `NAME.topics.toml` beside the transcript, else hark's own.
public enum TopicsSetup {
    public static func definitions(forTranscript path: String, given: String?) -> Result<[TopicDefinition]?, TopicsFileError> {
        guard let file = TopicsFile.lookUp(forTranscript: path, given: given) else { return .success(nil) }
        do {
            return .success(try TopicsFile.load(path: file))
        } catch {
            return .failure(error)
        }
    }

    public static func topics(for transcript: Transcript, path: String, given: String?) -> Result<[Topic], TopicsFileError> {
        definitions(forTranscript: path, given: given).map { definitions in
            if let definitions { return TopicFinder.topics(definitions, source: .file, in: transcript) }
            return TopicAnalysis(transcript).automaticTopics()
        }
    }
}
