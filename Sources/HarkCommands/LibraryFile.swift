import HarkCore

/// Loading one of the files a command was given, where a folder may have
/// been given (a library).
public enum LibraryFile {
    public enum Loaded {
        case transcript(Transcript)
        /// Found in a folder and not a transcript: passed over in silence.
        case skipped
        /// Why, naming the file (the commands print it after `hark: `).
        case failed(String)
    }

    /// A file found in a folder is a transcript only when its format is
    /// recognised by content: prose, which the loader takes from a `.txt`
    /// by its name, is passed over there (a folder's README, notes or
    /// annotations are not interviews), unless `--format` asked for it.
    public static func load(_ entry: TranscriptFiles.Entry, format: TranscriptFormat?) -> Loaded {
        do {
            let transcript = try TranscriptLoader.load(path: entry.path, format: format)
            if entry.inFolder && format == nil && transcript.format == .plainText { return .skipped }
            return .transcript(transcript)
        } catch let error as LoadError {
            return entry.inFolder && error.isNotATranscript ? .skipped : .failed("\(error)")
        } catch {
            return .failed("\(Escaped.name(entry.path)): \(Escaped.message("\(error)"))")
        }
    }
}
