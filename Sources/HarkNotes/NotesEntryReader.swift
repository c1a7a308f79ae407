import HarkCore
import HarkTOML

/// Reads the entries of a notes file against a transcript. An entry names
/// its segment by index and by time; when the index is past the end or that
/// segment no longer starts at the time written (the transcript changed),
/// the segment starting nearest the time is taken, and a warning says so.
struct NotesEntryReader {
    let path: String
    let transcript: Transcript
    private(set) var warnings: [String] = []

    init(path: String, transcript: Transcript) {
        self.path = path
        self.transcript = transcript
    }

    func error(at line: Int?, _ problem: String) -> NotesFileError {
        NotesFileError(path: path, line: line, problem: problem)
    }

    private mutating func warn(at line: Int?, _ message: String) {
        warnings.append(NotesFileError(path: path, line: line, problem: message).description)
    }

    /// A name is put into the transcript's speaker column, so like any name
    /// read from a file it may not hold control characters.
    func checkName(_ name: String, line: Int?) throws(NotesFileError) {
        if name.unicodeScalars.contains(where: Escaped.isControl) {
            throw error(at: line, "a speaker's name cannot hold control characters")
        }
    }

    /// The entry as the change that adds it to notes; nil when it is left out.
    mutating func read(_ entry: TOMLTable, kind: NotesEntry.Kind) throws(NotesFileError) -> NotesChange? {
        let fields = Fields(entry: entry, reader: self)
        switch kind {
        case .turn:
            let speaker = try fields.name("speaker")
            guard let segment = try place(fields, kind: kind) else { return nil }
            return .setTurn(TurnEdit(segment: segment, speaker: speaker))
        case .mark:
            let note = try fields.string("note") ?? ""
            guard let segment = try place(fields, kind: kind) else { return nil }
            return .setMark(Mark(segment: segment, start: transcript.start(of: segment), note: note))
        case .quote:
            return try quote(fields)
        }
    }

    private mutating func quote(_ fields: Fields) throws(NotesFileError) -> NotesChange? {
        let speaker = try fields.name("speaker")
        let note = try fields.string("note") ?? ""
        guard let text = try fields.string("text") else {
            throw error(at: fields.entry.headerLine, "a quote needs its text (text = \"…\")")
        }
        let first = try fields.segment("first_segment")
        let last = try fields.segment("last_segment")
        let start = try fields.time("start")
        let end = try fields.time("end")
        guard first != nil || start != nil else {
            throw error(at: fields.entry.headerLine, "a quote needs first_segment or start")
        }
        guard last != nil || end != nil else { throw error(at: fields.entry.headerLine, "a quote needs last_segment or end") }
        if let first, let last, first > last {
            throw error(at: fields.line("last_segment"), "last_segment \(last) is before first_segment \(first)")
        }
        let count = transcript.segments.count
        // Each end as written when the transcript still has it there, else found by its time.
        func asWritten(_ segment: Int?, _ time: Milliseconds?, _ timeOf: (Int) -> Milliseconds) -> Int? {
            guard let segment, segment < count else { return nil }
            return time == nil || time == timeOf(segment) ? segment : nil
        }
        let firstAsWritten = asWritten(first, start, transcript.start(of:))
        let lastAsWritten = asWritten(last, end, transcript.end(of:))
        guard count > 0, let lower = firstAsWritten ?? start.map(nearestStart),
            let upper = lastAsWritten ?? end.flatMap({ transcript.segmentIndex(at: max(0, $0 - 1)) })
        else {
            let why =
                count == 0 ? "the transcript has no segments" : "its segments are past the end (the transcript has \(count))"
            warn(at: fields.entry.headerLine, "the quote is left out: \(why)")
            return nil
        }
        let segments = lower...max(lower, upper)
        if first.map({ $0 != segments.lowerBound }) ?? false || last.map({ $0 != segments.upperBound }) ?? false {
            warn(
                at: fields.entry.headerLine,
                "the quote at \(TimeFormat.clock(start ?? transcript.start(of: lower))) was on segments "
                    + "\(first.map(String.init) ?? "?")–\(last.map(String.init) ?? "?"), which no longer start and end at its times "
                    + "(the transcript changed?): it is put on segments \(segments.lowerBound)–\(segments.upperBound), found by its times"
            )
        }
        return .setQuote(
            Quote(
                segments: segments, start: start ?? transcript.start(of: segments.lowerBound),
                end: end ?? transcript.end(of: segments.upperBound), speaker: speaker, text: text, note: note))
    }

    /// The segment a turn or mark is on, found as the type says; nil (warned) when it cannot be.
    private mutating func place(_ fields: Fields, kind: NotesEntry.Kind) throws(NotesFileError) -> Int? {
        let segment = try fields.segment("segment")
        let time = try fields.time("time")
        let line = fields.entry.headerLine
        let count = transcript.segments.count
        switch (segment, time) {
        case (nil, nil):
            throw error(
                at: line, "a \(kind.rawValue) needs its segment or its time (segment = 12, time = \"0:01:02.500\")")
        case (nil, let time?):
            // Written by hand with a time only: the segment spoken then.
            if let found = transcript.segmentIndex(at: time) { return found }
        case (let segment?, nil):
            if segment < count { return segment }
        case (let segment?, let time?):
            if segment < count && transcript.start(of: segment) == time { return segment }
            guard count > 0 else { break }
            let found = nearestStart(to: time)
            // A time a little off (typed by hand) that still finds the segment is no news.
            if found == segment { return found }
            let was =
                segment < count
                ? "segment \(segment) now starts at \(TimeFormat.clock(transcript.start(of: segment)))"
                : "segment \(segment) is past the end (the transcript has \(count))"
            warn(
                at: line,
                "the \(kind.rawValue) at \(TimeFormat.clock(time)) was on segment \(segment), but \(was): "
                    + "it is put on segment \(found), which starts nearest that time")
            return found
        }
        let why =
            count == 0
            ? "the transcript has no segments" : "segment \(segment ?? 0) is past the end (the transcript has \(count))"
        warn(at: line, "the \(kind.rawValue) is left out: \(why)")
        return nil
    }

    /// The segment whose start is nearest `time` (the earlier of two as near).
    private func nearestStart(to time: Milliseconds) -> Int {
        guard let before = transcript.segmentIndex(at: time) else { return 0 }
        let after = before + 1
        guard after < transcript.segments.count else { return before }
        let distanceBefore = abs(time - transcript.start(of: before))
        return transcript.start(of: after) - time < distanceBefore ? after : before
    }
}

/// The owned keys of one entry, each read as its type says or an error on its line.
private struct Fields {
    let entry: TOMLTable
    let reader: NotesEntryReader

    func line(_ key: String) -> Int? { entry.line(of: key) ?? entry.headerLine }

    func string(_ key: String) throws(NotesFileError) -> String? {
        guard let value = entry[key] else { return nil }
        guard let string = value.string else {
            throw reader.error(at: line(key), "\(key) must be a string, not \(value.kindDescription)")
        }
        return string
    }

    /// A speaker's name: none when empty.
    func name(_ key: String) throws(NotesFileError) -> String? {
        guard let name = try string(key) else { return nil }
        try reader.checkName(name, line: line(key))
        return name.isEmpty ? nil : name
    }

    func segment(_ key: String) throws(NotesFileError) -> Int? {
        guard let value = entry[key] else { return nil }
        guard case .integer(let number) = value, number >= 0, number <= Int64(Int32.max) else {
            throw reader.error(at: line(key), "\(key) must be a segment's number (0 or more), not \(value.kindDescription)")
        }
        return Int(number)
    }

    func time(_ key: String) throws(NotesFileError) -> Milliseconds? {
        guard let value = entry[key] else { return nil }
        guard let time = NotesTime.read(value) else {
            throw reader.error(
                at: line(key), "\(key) must be a time (\"0:01:02.500\", or seconds: 62.5), not \(value.kindDescription)")
        }
        return time
    }
}
