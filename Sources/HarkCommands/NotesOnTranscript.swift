import FoundationEssentials
import HarkCore
import HarkNotes

extension HarkCommands {
    /// The transcript with the speaker names and turns of its notes file
    /// (`--notes FILE`, else the one beside it), for the commands that only
    /// read (search, export, topics, chapters, printed text). A broken notes
    /// file is a warning, and the transcript is used as the file has it.
    static func applyingNotes(
        to transcript: Transcript, notesFile: String?, quiet: Bool, report: (String) -> Void
    ) -> Transcript {
        let messages = notesMessages(for: transcript, notesFile: notesFile, quiet: quiet)
        messages.warnings.forEach(report)
        return messages.transcript
    }

    /// `applyingNotes`, with the warnings returned rather than reported (for work in parallel).
    static func notesMessages(
        for transcript: Transcript, notesFile: String?, quiet: Bool
    ) -> (transcript: Transcript, warnings: [String]) {
        let path = NotesFile.path(forTranscript: transcript.source, given: notesFile)
        if notesFile != nil && !FileManager.default.fileExists(atPath: path) {
            return (transcript, ["hark: warning: \(Escaped.name(path)): no such notes file"])
        }
        do {
            let loaded = try NotesFile.load(path: path, for: transcript)
            return (transcript.applying(loaded.notes.speakerEdits), quiet ? [] : notesWarnings(loaded.warnings))
        } catch {
            return (transcript, ["hark: warning: \(error); the notes are not used"])
        }
    }

    /// The first of the notes file's warnings, and how many more.
    static func notesWarnings(_ warnings: [String]) -> [String] {
        guard let first = warnings.first else { return [] }
        return ["hark: warning: \(first)" + (warnings.count > 1 ? " (+\(warnings.count - 1) more)" : "")]
    }

    /// The transcript, its notes and where they are, for the commands about notes; nil (reported) when
    /// either cannot be read: a broken notes file is an error here.
    static func loadWithNotes(
        _ path: String, format: TranscriptFormat?, notesFile: String?, report: (String) -> Void
    ) -> (transcript: Transcript, notesPath: String, notes: LoadedNotes)? {
        guard let transcript = load(path, format: format, report: report) else { return nil }
        let notesPath = NotesFile.path(forTranscript: path, given: notesFile)
        do {
            return (transcript, notesPath, try NotesFile.load(path: notesPath, for: transcript))
        } catch {
            report("hark: \(error)")
            return nil
        }
    }
}
