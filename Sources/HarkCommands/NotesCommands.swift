import HarkCore
import HarkNotes

extension HarkCommands {
    public struct NotesOptions: Sendable {
        /// `--notes FILE`: the notes file, else the one beside the transcript.
        public var notesFile: String?
        public var json = false
        public var format: TranscriptFormat?
        public init() {}
    }

    /// `hark marks FILE`: marks and quotes in time order.
    public static func marks(
        path: String, options: NotesOptions, output: OutputSink, report: (String) -> Void = Diagnostics.write
    ) -> Int32 {
        guard
            let (transcript, notesPath, loaded) = loadWithNotes(
                path, format: options.format, notesFile: options.notesFile, report: report)
        else { return 1 }
        notesWarnings(loaded.warnings).forEach(report)
        let items = NotesItem.all(loaded.notes, named: transcript.applying(loaded.notes.speakerEdits))
        if options.json {
            output.write("{\"marks\": [\(items.map { $0.json(withKind: true) }.joined(separator: ", "))]}\n")
        } else if items.isEmpty {
            report("hark: no marks or quotes in \(Escaped.name(notesPath))")
        } else {
            items.forEach { output.write($0.line) }
        }
        output.flush()
        return 0
    }

    /// `hark quotes FILE`: the quotes ready to paste.
    public static func quotes(
        path: String, to format: QuoteFormat, options: NotesOptions, output: OutputSink,
        report: (String) -> Void = Diagnostics.write
    ) -> Int32 {
        guard
            let (transcript, notesPath, loaded) = loadWithNotes(
                path, format: options.format, notesFile: options.notesFile, report: report)
        else { return 1 }
        notesWarnings(loaded.warnings).forEach(report)
        let quotes = NotesItem.quotes(loaded.notes, named: transcript.applying(loaded.notes.speakerEdits))
        if quotes.isEmpty && format != .json { report("hark: no quotes in \(Escaped.name(notesPath))") }
        output.write(format.write(quotes))
        output.flush()
        return 0
    }

    /// `hark marks FILE --add TIME [--note TEXT]`: marks the segment spoken
    /// at TIME; without a note, a mark already there keeps its own.
    public static func addMark(
        path: String, at time: String, note: String?, options: NotesOptions, output: OutputSink,
        report: (String) -> Void = Diagnostics.write
    ) -> Int32 {
        guard let transcript = load(path, format: options.format, report: report) else { return 1 }
        guard let segment = segment(at: time, in: transcript, option: "--add", report: report) else { return 2 }
        let notesPath = NotesFile.path(forTranscript: path, given: options.notesFile)
        do {
            let saved = try NotesFile.update(path: notesPath, for: transcript) { notes throws(NotesFileError) in
                let kept = notes.mark(at: segment)?.note ?? ""
                return [.setMark(Mark(segment: segment, start: transcript.start(of: segment), note: note ?? kept))]
            }
            notesWarnings(saved.warnings).forEach(report)
        } catch {
            report("hark: \(error)")
            return 1
        }
        output.write("marked segment \(segment) at \(TimeFormat.clock(transcript.start(of: segment)))\n")
        output.flush()
        return 0
    }

    /// `hark marks FILE --remove TIME`: removes the mark on the segment
    /// spoken at TIME, or one starting within that second (as listed).
    public static func removeMark(
        path: String, at time: String, options: NotesOptions, output: OutputSink,
        report: (String) -> Void = Diagnostics.write
    ) -> Int32 {
        guard let transcript = load(path, format: options.format, report: report) else { return 1 }
        guard let segment = segment(at: time, in: transcript, option: "--remove", report: report) else { return 2 }
        let notesPath = NotesFile.path(forTranscript: path, given: options.notesFile)
        var removed: Mark?
        do {
            _ = try NotesFile.update(path: notesPath, for: transcript) { notes throws(NotesFileError) in
                let shown = transcript.start(of: segment) / 1000 * 1000
                removed = notes.mark(at: segment) ?? notes.marks.first { $0.start / 1000 * 1000 == shown }
                return removed.map { [.removeMark(segment: $0.segment)] } ?? []
            }
        } catch {
            report("hark: \(error)")
            return 1
        }
        guard let removed else {
            report("hark: marks: no mark at \(time.trimmingWhitespace()) (segment \(segment)); nothing removed")
            return 1
        }
        output.write("removed the mark on segment \(removed.segment) at \(TimeFormat.clock(removed.start))\n")
        output.flush()
        return 0
    }

    /// The segment spoken at a time the user typed as `:` takes it; nil (reported) when it names none.
    private static func segment(at text: String, in transcript: Transcript, option: String, report: (String) -> Void) -> Int? {
        let jump: TimeJump
        switch TimeJump.parse(text) {
        case .success(let parsed): jump = parsed
        case .failure(let failure):
            report("hark: marks: \(option): \(Escaped.message(failure.description))")
            return nil
        }
        guard let time = jump.time(inDuration: transcript.duration) else {
            report(
                "hark: marks: \(option) takes a time in the transcript (1:02:03, 62:03, 3723s, 90m, 45%), not \(Escaped.message(text))"
            )
            return nil
        }
        guard let segment = transcript.segmentIndex(at: time) else {
            report("hark: marks: \(Escaped.name(transcript.source)) has no segments to mark")
            return nil
        }
        return transcript.nearestSegmentWithText(from: segment)
    }
}
