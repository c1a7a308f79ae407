import Dispatch
import Glibc
import HarkCore
import HarkNotes

extension HarkCommands {
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

    /// `hark search`. The exit status is grep's and rg's: 0 when anything
    /// matched, 1 when nothing did, 2 when any file or folder could not be
    /// read (reported; the others are still searched) or the search could
    /// not start, whatever else matched.
    public static func search(
        pattern: String, paths: [String], options: SearchOptions, output: OutputSink,
        report: (String) -> Void = Diagnostics.write
    ) -> Int32 {
        guard !pattern.isEmpty else {
            report("hark: search: the pattern is empty; give the text to find")
            return 2
        }
        if options.notesFile != nil && paths.count > 1 { return oneFileForNotes(report) }
        let files = TranscriptFiles(paths: paths)
        if options.notesFile != nil && files.hasFolder { return oneFileForNotes(report) }
        files.errors.forEach { report("hark: \($0)") }
        let query = SearchQuery(pattern, forceCaseSensitive: options.caseSensitive, wholeWord: options.wholeWord)
        let printer = SearchPrinter(showFile: paths.count > 1 || files.hasFolder, colors: output.colors, json: options.json)
        var outcome = SearchOutcome(failed: !files.errors.isEmpty)
        if files.entries.count == 1 && !files.hasFolder && !options.count {
            searchStreaming(
                files.entries[0].path, query: query, printer: printer, options: options, output: output, report: report,
                outcome: &outcome)
        } else {
            searchInParallel(
                files.entries, query: query, printer: printer, options: options, output: output, report: report, outcome: &outcome
            )
        }
        output.flush()
        return outcome.status
    }

    /// What the files searched add up to, for the exit status.
    struct SearchOutcome {
        var failed = false
        var matched = false
        var status: Int32 { failed ? 2 : matched ? 0 : 1 }
    }

    /// One file: each line is written as it is made, so output streams however many matches there are.
    private static func searchStreaming(
        _ path: String, query: SearchQuery, printer: SearchPrinter, options: SearchOptions, output: OutputSink,
        report: (String) -> Void, outcome: inout SearchOutcome
    ) {
        guard let loaded = load(path, format: options.format, report: report) else {
            outcome.failed = true
            return
        }
        let transcript = applyingNotes(to: loaded, notesFile: options.notesFile, quiet: false, report: report)
        var lines = SearchLines()
        TextSearch.forEachMatch(of: query, in: transcript) { match in
            outcome.matched = true
            if printer.json {
                output.write(printer.jsonLine(for: match, in: transcript))
            } else if let line = lines.add(match) {
                output.write(printer.line(for: line, in: transcript))
            }
        }
        if let line = lines.finish() { output.write(printer.line(for: line, in: transcript)) }
    }

    /// What one file's search gives: its output and messages, or nothing
    /// when it was found in a folder and is not a transcript.
    private struct FileSearch: Sendable {
        var text = ""
        var messages: [String] = []
        var failed = false
        var matched = false
    }

    /// Files are searched on every core; each file's output is printed, in
    /// the files' order, as soon as it and those before it are done.
    private static func searchInParallel(
        _ entries: [TranscriptFiles.Entry], query: SearchQuery, printer: SearchPrinter, options: SearchOptions,
        output: OutputSink, report: (String) -> Void, outcome: inout SearchOutcome
    ) {
        inFileOrder(entries.count) { k in
            searchFile(entries[k], query: query, printer: printer, options: options)
        } deliver: { found in
            if found.failed { outcome.failed = true }
            if found.matched { outcome.matched = true }
            if !found.messages.isEmpty {
                // Earlier files' output goes first, so stdout and stderr read in order.
                output.flush()
                found.messages.forEach(report)
            }
            output.write(found.text)
        }
    }

    private static func searchFile(
        _ entry: TranscriptFiles.Entry, query: SearchQuery, printer: SearchPrinter, options: SearchOptions
    ) -> FileSearch {
        var found = FileSearch()
        if options.count, let count = quickCount(entry, query: query, options: options) {
            return FileSearch(text: printer.countLine(path: entry.path, count: count), matched: count > 0)
        }
        let loaded: Transcript
        switch LibraryFile.load(entry, format: options.format) {
        case .transcript(let transcript): loaded = transcript
        case .skipped: return found
        case .failed(let message): return FileSearch(messages: ["hark: " + message], failed: true)
        }
        let (transcript, warnings) = notesMessages(for: loaded, notesFile: options.notesFile, quiet: false)
        found.messages = warnings
        if options.count {
            let count = TextSearch.count(of: query, in: transcript)
            found.matched = count > 0
            found.text = printer.countLine(path: entry.path, count: count)
        } else {
            let matches = TextSearch.matches(of: query, in: transcript)
            found.matched = !matches.isEmpty
            found.text = printer.lines(for: matches, in: transcript)
        }
        return found
    }
}

extension HarkCommands {
    /// A count made without loading the transcript, where nothing a load
    /// would add can change it or need reporting: no notes file to read
    /// (its warnings would be reported) and a file the quick count takes.
    fileprivate static func quickCount(_ entry: TranscriptFiles.Entry, query: SearchQuery, options: SearchOptions) -> Int? {
        guard options.notesFile == nil,
            access(NotesFile.path(forTranscript: entry.path, given: nil), F_OK) != 0
        else { return nil }
        return TextSearch.count(of: query, inFileAt: entry.path, format: options.format)
    }
}
