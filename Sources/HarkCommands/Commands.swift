import Dispatch
import HarkCore

/// The command implementations behind `hark`'s subcommands. Each returns
/// the process exit status: 0, or 1 when any file could not be loaded.
public enum HarkCommands {
    /// Speaker names from the notes file (`notesFile`, else the one beside
    /// the transcript) apply: JSON's `speaker`, WebVTT's `<v Name>`, `Name:`.
    public static func export(
        path: String, format: TranscriptFormat?, to exportFormat: ExportFormat, quiet: Bool, notesFile: String? = nil,
        output: OutputSink, report: (String) -> Void = Diagnostics.write
    ) -> Int32 {
        guard let loaded = load(path, format: format, report: report) else { return 1 }
        if !quiet { Diagnostics.warningLines(for: loaded).forEach(report) }
        let transcript = applyingNotes(to: loaded, notesFile: notesFile, quiet: quiet, report: report)
        exportFormat.write(transcript) { output.write($0) }
        output.flush()
        return 0
    }

    /// `hark FILE...` when stdout is not a terminal: the readable text. With
    /// several files each is headed `==> FILE <==`, as `head` heads them, so
    /// that one conversation is not read as the end of another. Each file's
    /// notes name its speakers (`notesFile` is for one file only).
    public static func printText(
        paths: [String], format: TranscriptFormat?, notesFile: String? = nil, output: OutputSink,
        report: (String) -> Void = Diagnostics.write
    ) -> Int32 {
        if notesFile != nil && paths.count > 1 { return oneFileForNotes(report) }
        var status: Int32 = 0
        for path in paths {
            // Earlier files' output goes first, so stdout and stderr read in order.
            output.flush()
            guard let loaded = load(path, format: format, report: report) else {
                status = 1
                continue
            }
            let transcript = applyingNotes(to: loaded, notesFile: notesFile, quiet: false, report: report)
            if paths.count > 1 { output.write("==> \(Escaped.name(path)) <==\n\n") }
            ExportFormat.txt.write(transcript) { output.write($0) }
        }
        output.flush()
        return status
    }

    /// A folder stands for the transcripts in it (see `TranscriptFiles`), each described as one of several files.
    public static func info(
        paths: [String], format: TranscriptFormat?, json: Bool, quiet: Bool, output: OutputSink,
        report: (String) -> Void = Diagnostics.write
    ) -> Int32 {
        let files = TranscriptFiles(paths: paths)
        files.errors.forEach { report("hark: \($0)") }
        var status: Int32 = files.errors.isEmpty ? 0 : 1
        var printed = 0
        for entry in files.entries {
            // Earlier files' output goes first, so stdout and stderr read in order.
            output.flush()
            let transcript: Transcript
            switch LibraryFile.load(entry, format: format) {
            case .transcript(let loaded): transcript = loaded
            case .skipped: continue
            case .failed(let message):
                report("hark: " + message)
                status = 1
                continue
            }
            if !quiet { Diagnostics.warningLines(for: transcript).forEach(report) }
            let summary = TranscriptSummary(transcript)
            if json {
                output.write(summary.json + "\n")
            } else {
                if printed > 0 { output.write("\n") }
                output.write(summary.text)
            }
            printed += 1
        }
        output.flush()
        return status
    }

    /// A notes file holds one transcript's notes (segments by number): `--notes` goes with one file.
    static func oneFileForNotes(_ report: (String) -> Void) -> Int32 {
        report("hark: --notes names one transcript's notes file; give one transcript with it")
        return 2
    }

    static func load(_ path: String, format: TranscriptFormat?, report: (String) -> Void) -> Transcript? {
        do {
            return try TranscriptLoader.load(path: path, format: format)
        } catch let error as LoadError {
            report("hark: \(error)")
        } catch {
            report("hark: \(Escaped.name(path)): \(Escaped.message("\(error)"))")
        }
        return nil
    }
}

/// A lock made of a Dispatch semaphore.
final class DispatchLock: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 1)
    func locked<R>(_ body: () -> R) -> R {
        semaphore.wait()
        defer { semaphore.signal() }
        return body()
    }
}
