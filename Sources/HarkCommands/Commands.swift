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

    public static func info(
        paths: [String], format: TranscriptFormat?, json: Bool, quiet: Bool, output: OutputSink,
        report: (String) -> Void = Diagnostics.write
    ) -> Int32 {
        var status: Int32 = 0
        for (k, path) in paths.enumerated() {
            // Earlier files' output goes first, so stdout and stderr read in order.
            output.flush()
            guard let transcript = load(path, format: format, report: report) else {
                status = 1
                continue
            }
            if !quiet { Diagnostics.warningLines(for: transcript).forEach(report) }
            let summary = TranscriptSummary(transcript)
            if json {
                output.write(summary.json + "\n")
            } else {
                if k > 0 { output.write("\n") }
                output.write(summary.text)
            }
        }
        output.flush()
        return status
    }

    public struct SearchOptions: Sendable {
        public var count = false
        public var json = false
        public var caseSensitive = false
        public var wholeWord = false
        public var format: TranscriptFormat?
        /// The notes file (for one file only); else each file's own beside it.
        public var notesFile: String?
        public init() {}
    }

    /// Files are loaded and searched in parallel; results print in the order given.
    public static func search(
        pattern: String, paths: [String], options: SearchOptions, output: OutputSink,
        report: (String) -> Void = Diagnostics.write
    ) -> Int32 {
        guard !pattern.isEmpty else {
            report("hark: search: the pattern is empty; give the text to find")
            return 1
        }
        if options.notesFile != nil && paths.count > 1 { return oneFileForNotes(report) }
        let query = SearchQuery(pattern, forceCaseSensitive: options.caseSensitive, wholeWord: options.wholeWord)
        let printer = SearchPrinter(showFile: paths.count > 1, colors: output.colors, json: options.json)
        if paths.count == 1 && !options.count {
            // One file: each line is written as it is made, so output streams however many matches there are.
            guard let loaded = load(paths[0], format: options.format, report: report) else { return 1 }
            let transcript = applyingNotes(to: loaded, notesFile: options.notesFile, quiet: false, report: report)
            TextSearch.forEachMatch(of: query, in: transcript) { output.write(printer.line(for: $0, in: transcript)) }
            output.flush()
            return 0
        }
        let results = ParallelResults<Result<(text: String, warnings: [String]), LoadError>>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { k in
            let path = paths[k]
            do {
                let (transcript, warnings) = notesMessages(
                    for: try TranscriptLoader.load(path: path, format: options.format), notesFile: options.notesFile, quiet: false
                )
                if options.count {
                    results[k] = .success(
                        (printer.countLine(path: path, count: TextSearch.count(of: query, in: transcript)), warnings))
                } else {
                    let matches = TextSearch.matches(of: query, in: transcript)
                    results[k] = .success((printer.lines(for: matches, in: transcript), warnings))
                }
            } catch let error as LoadError {
                results[k] = .failure(error)
            } catch {
                results[k] = .failure(LoadError(path: path, reason: "\(error)"))
            }
        }
        var status: Int32 = 0
        for result in results.values {
            switch result {
            case .success(let found):
                if !found.warnings.isEmpty {
                    output.flush()
                    found.warnings.forEach(report)
                }
                output.write(found.text)
            case .failure(let error):
                output.flush()
                report("hark: \(error)")
                status = 1
            case nil: break
            }
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

/// Slots filled by `concurrentPerform` workers, one per index.
final class ParallelResults<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = DispatchLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    subscript(index: Int) -> Value? {
        get { lock.locked { slots[index] } }
        set { lock.locked { slots[index] = newValue } }
    }
    var values: [Value?] { lock.locked { slots } }
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
