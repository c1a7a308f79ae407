import Glibc
import HarkCore
import HarkTopics

extension HarkCommands {
    public struct TopicOptions: Sendable {
        public var topicsFile: String?
        public var json = false
        public var quiet = false
        public var format: TranscriptFormat?
        /// The notes file whose speaker names apply; else the one beside the transcript.
        public var notesFile: String?
        public init() {}
    }

    /// `hark topics FILE`: each topic with its passages, from the topics file
    /// found for FILE or, without one, found by hark. A folder ranks its
    /// transcripts for each topic: see `libraryTopics`.
    public static func topics(
        path: String, options: TopicOptions, output: OutputSink, report: (String) -> Void = Diagnostics.write
    ) -> Int32 {
        if TranscriptFiles.isDirectory(path) {
            if options.notesFile != nil { return oneFileForNotes(report) }
            return libraryTopics(folder: path, options: options, output: output, report: report)
        }
        guard let loaded = load(path, format: options.format, report: report) else { return 1 }
        if !options.quiet { Diagnostics.warningLines(for: loaded).forEach(report) }
        let transcript = applyingNotes(to: loaded, notesFile: options.notesFile, quiet: options.quiet, report: report)
        let topics: [Topic]
        switch TopicsSetup.topics(for: transcript, path: path, given: options.topicsFile) {
        case .success(let found): topics = found
        case .failure(let error):
            report("hark: \(error.description)")
            return 1
        }
        if options.json {
            output.write(TopicsText.json(topics) + "\n")
        } else {
            output.write(TopicsText.plain(topics, transcript: transcript))
        }
        output.flush()
        return 0
    }

    /// `hark chapters FILE`: where the subject changes, with each chapter's key phrases.
    public static func chapters(
        path: String, json: Bool, quiet: Bool = false, format: TranscriptFormat?, notesFile: String? = nil, output: OutputSink,
        report: (String) -> Void = Diagnostics.write
    ) -> Int32 {
        guard let loaded = load(path, format: format, report: report) else { return 1 }
        if !quiet { Diagnostics.warningLines(for: loaded).forEach(report) }
        let transcript = applyingNotes(to: loaded, notesFile: notesFile, quiet: quiet, report: report)
        let chapters = TopicAnalysis(transcript).chapters
        output.write(json ? ChaptersText.json(chapters) + "\n" : ChaptersText.plain(chapters, transcript: transcript))
        output.flush()
        return 0
    }
}
