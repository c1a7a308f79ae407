/// Collects segments as a reader finds them and makes the `Transcript`.
///
/// A reader opens a segment, appends its text in as many pieces as it likes
/// (each piece is cleaned: see `TextCleaner`), then commits it with its times.
/// An empty segment is dropped and counted, unless it marks a time between
/// segments (see `commitSegment`).
public struct TranscriptBuilder {
    var store = SegmentStore()
    private var speakerIDs: [String: Int32] = [:]
    private var speakers: [String] = []
    private(set) var warnings: [LoadWarning] = []
    private var cleaner = TextCleaner()
    private var openTextStart: Int?
    private var pendingSpeakerChange = false
    private var outOfOrderLine: Int?
    /// The last time read from the file, a segment's start or a time marked
    /// between segments (estimated starts are not compared).
    private var lastReadStart: Milliseconds?
    /// Times the file gives between segments (stamps without words), for
    /// `estimateTimes()`, with their lines.
    private(set) var timeAnchors: [(anchor: TimeEstimator.Anchor, line: Int)] = []

    public init() {}

    /// Reserves room so that the buffers do not grow by copying; unused
    /// reservation is never touched, so it costs address space, not memory.
    public mutating func reserve(segments: Int, textBytes: Int) {
        store.reserve(segments: segments, textBytes: textBytes)
    }

    public var segmentCount: Int { store.count }

    // MARK: Segment by segment

    mutating func beginSegment() {
        if openTextStart != nil { return }
        if !store.text.isEmpty { store.text.append(0x20) }
        openTextStart = store.text.count
        cleaner.beginSegment()
    }

    /// The most text a segment keeps: past it the rest of the segment is
    /// dropped (and warned about), so that no segment is too long to read,
    /// wrap or search as one (a subtitle cue is a few lines).
    public static let maximumSegmentBytes = 1 << 20
    private var openSegmentCut = false

    /// Appends raw text bytes to the open segment, cleaned.
    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        if openTextStart == nil { beginSegment() }
        let room = Self.maximumSegmentBytes - (store.text.count - (openTextStart ?? 0)) - (cleaner.owesSpace ? 1 : 0)
        guard bytes.count > room else {
            cleaner.append(bytes, to: store.text)
            return
        }
        openSegmentCut = true
        guard room > 0 else { return }
        var cut = room
        while cut > 0 && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }  // not inside a character
        cleaner.append(UnsafeBufferPointer(rebasing: bytes[0..<cut]), to: store.text)
    }

    /// Appends to a new segment (begun here if it is not yet) `length` bytes (at most a segment's
    /// worth, non-zero) that `write` puts where it is told: text the cleaner
    /// would copy as it is (printable ASCII, no space at either end and none
    /// doubled), so that it is written once, in place.
    mutating func appendCleanText(length: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Void) {
        if openTextStart == nil { beginSegment() }
        assert(store.text.count == openTextStart && length > 0 && length <= Self.maximumSegmentBytes)
        write(store.text.reserveTail(length))
        store.text.didWrite(length)
        cleaner.noteCleanText()
    }

    /// A space between two pieces of the open segment's text (one at most,
    /// never at its start), as between the lines of a caption.
    mutating func appendSpace() { cleaner.noteSpace() }

    /// Appends raw text bytes from line `line` of the file: what the
    /// cleaner repaired in them (invalid UTF-8, NUL, control characters) is
    /// warned about at that line, not at the segment's first.
    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
        appendText(bytes)
        noteCleanerFindings(line: line)
    }

    mutating func appendText(_ string: String) {
        var string = string
        string.withUTF8 { appendText($0) }
    }

    /// Closes the open segment. Returns false (and drops it) when it has no
    /// text, unless `keepEmpty` (a WebVTT cue is a cue even with no text).
    ///
    /// `estimated`: the file gives no time for this segment; `start` and
    /// `end` are placeholders until the reader calls `estimateTimes()`, and
    /// the segment is left out of the check for segments out of order.
    ///
    /// `marksTimeWhenEmpty`: a segment left without text is a time the file
    /// gives between segments (a stamp with no words, as a Markdown sponsor
    /// break), not a problem: it is not warned as empty, and its `start`,
    /// unless `estimated`, bounds the estimates of the segments either side
    /// (a `TimeEstimator.Anchor`) and takes part in the check for order.
    @discardableResult
    mutating func commitSegment(
        start: Milliseconds, end: Milliseconds?, speaker: String?, speakerChange: Bool, line: Int, estimated: Bool = false,
        keepEmpty: Bool = false, marksTimeWhenEmpty: Bool = false
    ) -> Bool {
        if openTextStart == nil { beginSegment() }
        let textStart = openTextStart!
        openTextStart = nil
        cleaner.finishSegment()
        noteCleanerFindings(line: line)
        if openSegmentCut {
            warnings.append(LoadWarning(.segmentTooLong, line: line))
            openSegmentCut = false
        }
        var textStartOfSegment = textStart
        if store.text.count == textStart {
            // Nothing left: remove the separator too.
            if textStart > 0 { store.text.truncate(to: textStart - 1) }
            guard keepEmpty else {
                if !marksTimeWhenEmpty {
                    warnings.append(LoadWarning(.emptySegments, line: line))
                } else if !estimated {
                    noteReadTime(start, line: line)
                    timeAnchors.append((TimeEstimator.Anchor(before: store.count, time: start), line))
                }
                pendingSpeakerChange = pendingSpeakerChange || speakerChange
                return false
            }
            // Kept with no text: it starts where the next segment's text will
            // (see `SegmentStore.textRange(of:)`).
            textStartOfSegment = store.text.isEmpty ? 0 : store.text.count + 1
        }
        var end = end ?? start
        if end < start {
            warnings.append(LoadWarning(.endBeforeStart, line: line))
            end = start
        }
        if !estimated { noteReadTime(start, line: line) }
        store.starts.append(start)
        store.ends.append(end)
        let id = speaker.map { speakerID(for: $0, line: line) } ?? -1
        store.speakerIDs.append(id)
        store.speakerChanges.append(speakerChange || pendingSpeakerChange)
        store.estimated.append(estimated)
        if estimated { store.estimatedCount += 1 }
        store.lines.append(Int32(clamping: line))
        store.textStarts.append(textStartOfSegment)
        if end > store.maxEnd { store.maxEnd = end }
        pendingSpeakerChange = false
        return true
    }

    /// Sets the times of a segment committed earlier (a caption cue shared
    /// among the turns in it).
    mutating func retime(segment index: Int, start: Milliseconds, end: Milliseconds) {
        store.starts[index] = start
        store.ends[index] = end
    }

    /// Notes a time read from the file at `line`, for the check for order.
    private mutating func noteReadTime(_ time: Milliseconds, line: Int) {
        if let previous = lastReadStart, time < previous, outOfOrderLine == nil { outOfOrderLine = line }
        lastReadStart = time
    }

    /// Marks a change of speaker on the next segment committed.
    mutating func markSpeakerChangeForNextSegment() { pendingSpeakerChange = true }

    /// Gives the warnings from `index` on the line `line` (a JSON reader's
    /// segments have no line, but the item they came from does).
    mutating func setLine(_ line: Int, ofWarningsFrom index: Int) {
        for k in index..<warnings.count { warnings[k].line = line }
    }

    public mutating func warn(_ kind: LoadWarning.Kind, line: Int?, detail: String? = nil) {
        warnings.append(LoadWarning(kind, line: line, detail: detail))
    }

    /// Gives the warnings of one kind another (the loader names the
    /// encoding of a transcoded file in its invalid-text warnings).
    mutating func reclassifyWarnings(_ kind: LoadWarning.Kind, as newKind: LoadWarning.Kind) {
        for k in warnings.indices where warnings[k].kind == kind { warnings[k].kind = newKind }
    }

    /// U+FFFD is in the text or a speaker's name: from invalid bytes the
    /// cleaner replaced (warned), from a reader that decoded such bytes
    /// itself, or from the file. The loader then looks at the file again.
    var sawReplacementCharacters: Bool {
        textHadReplacementCharacters || speakers.contains { $0.unicodeScalars.contains("\u{FFFD}") }
    }
    private var textHadReplacementCharacters = false
    /// How many parts read apart were appended (tests look, to know that a file was read in parts).
    private(set) var partsJoined = 0

    // MARK: Parts read in parallel

    /// Appends the segments a second builder read from the next part of the
    /// same file, whose line numbers start after this part's `lineCount`
    /// lines. `other` is emptied in the process.
    mutating func appendPart(_ other: inout TranscriptBuilder, lineOffset: Int) {
        partsJoined += 1 + other.partsJoined
        let otherStore = other.store
        textHadReplacementCharacters = textHadReplacementCharacters || other.textHadReplacementCharacters
        if let last = lastReadStart, let first = other.firstReadTime, first.time < last, outOfOrderLine == nil {
            outOfOrderLine = first.line + lineOffset
        }
        if let otherLast = other.lastReadStart { lastReadStart = otherLast }
        if outOfOrderLine == nil, let line = other.outOfOrderLine { outOfOrderLine = line + lineOffset }
        warnings += other.warnings.map { $0.shifted(by: lineOffset) }
        let segmentShift = store.count
        timeAnchors += other.timeAnchors.map { anchor, line in
            (TimeEstimator.Anchor(before: anchor.before + segmentShift, time: anchor.time), line + lineOffset)
        }
        guard otherStore.count > 0 else {
            pendingSpeakerChange = pendingSpeakerChange || other.pendingSpeakerChange
            return
        }
        if pendingSpeakerChange { otherStore.speakerChanges[0] = true }
        pendingSpeakerChange = other.pendingSpeakerChange
        store.maxEnd = max(store.maxEnd, otherStore.maxEnd)
        store.estimatedCount += otherStore.estimatedCount

        let textShift = store.text.isEmpty ? 0 : store.text.count + 1
        if !store.text.isEmpty && !otherStore.text.isEmpty { store.text.append(0x20) }
        let idMap = other.speakers.map { speakerID(for: $0, line: 0) }  // clean already: no warning
        let (mine, theirs) = (store, otherStore)
        let copyText: @Sendable () -> Void = { mine.text.appendConsuming(theirs.text) }
        let copyColumns: @Sendable () -> Void = {
            mine.textStarts.appendConsuming(theirs.textStarts) { $0 += textShift }
            // Clamped as a whole read clamps them: a file of over 2^31 lines must not trap.
            mine.lines.appendConsuming(theirs.lines) { $0 = Int32(clamping: Int($0) + lineOffset) }
            mine.speakerIDs.appendConsuming(theirs.speakerIDs) { if $0 >= 0 { $0 = idMap[Int($0)] } }
            mine.speakerChanges.appendConsuming(theirs.speakerChanges)
            mine.estimated.appendConsuming(theirs.estimated)
            mine.ends.appendConsuming(theirs.ends)
            mine.starts.appendConsuming(theirs.starts)
        }
        // The text on one thread, the columns on another: copying into pages
        // not touched before costs as much as a third of reading the part.
        if theirs.text.count >= Self.textWorthAThread {
            Parallel.onThreads(2) { $0 == 0 ? copyColumns() : copyText() }
        } else {
            copyText()
            copyColumns()
        }
    }

    /// Text to join that is worth a thread of its own.
    private static let textWorthAThread = 1 << 20

    /// The first time read from the file: the start of the first segment
    /// not estimated, or a time marked before it.
    private var firstReadTime: (time: Milliseconds, line: Int)? {
        let segment = (0..<store.count).first { !store.estimated[$0] }
        if let first = timeAnchors.first, first.anchor.before <= segment ?? store.count {
            return (first.anchor.time, first.line)
        }
        return segment.map { (store.starts[$0], Int(store.lines[$0])) }
    }

    // MARK: Whole segments

    public mutating func append(_ segment: Segment) {
        beginSegment()
        appendText(segment.text)
        commitSegment(
            start: segment.start, end: segment.end, speaker: segment.speaker,
            speakerChange: segment.speakerChange, line: segment.line, estimated: segment.estimated)
    }

    public mutating func build(source: String, format: TranscriptFormat) -> Transcript {
        if let line = outOfOrderLine {
            warnings.append(LoadWarning(.outOfOrder, line: line))
            sortByStart()
        }
        return Transcript(source: source, format: format, speakers: speakers, warnings: warnings, store: store)
    }

    // MARK: Private

    /// The id of a speaker's name as the file gives it. Control characters
    /// (C0, DEL, C1) are taken out of a name, as out of text, so that no
    /// name can send an escape sequence to a terminal; a name of nothing
    /// else is no name (-1).
    private mutating func speakerID(for raw: String, line: Int) -> Int32 {
        if let id = speakerIDs[raw] { return id }
        var name = raw
        if raw.unicodeScalars.contains(where: Escaped.isControl) {
            warnings.append(LoadWarning(.controlCharacters, line: line, detail: "in a speaker's name"))
            name = String(String.UnicodeScalarView(raw.unicodeScalars.filter { !Escaped.isControl($0) }))
            name = name.trimmingWhitespace()
        }
        if name.isEmpty {
            speakerIDs[raw] = -1
            return -1
        }
        if let id = speakerIDs[name] {
            speakerIDs[raw] = id
            return id
        }
        let id = Int32(speakers.count)
        speakers.append(name)
        speakerIDs[name] = id
        speakerIDs[raw] = id
        return id
    }

    private mutating func noteCleanerFindings(line: Int) {
        guard cleaner.hasFindings else { return }
        let findings = cleaner.takeFindings()
        if findings.invalidUTF8 || findings.replacementCharacter { textHadReplacementCharacters = true }
        if findings.invalidUTF8 { warnings.append(LoadWarning(.invalidUTF8, line: line)) }
        if findings.nul { warnings.append(LoadWarning(.nulBytes, line: line)) }
        if findings.control { warnings.append(LoadWarning(.controlCharacters, line: line)) }
    }

    /// Stable sort by start time; rare (only files whose segments are out of
    /// order), so it rebuilds the store through values.
    private mutating func sortByStart() {
        let old = store
        let order = (0..<old.count).sorted { (old.starts[$0], $0) < (old.starts[$1], $1) }
        var sorted = SegmentStore()
        sorted.reserve(segments: order.count, textBytes: old.text.count)
        for index in order {
            let range = old.textRange(of: index)
            if range.isEmpty {
                sorted.textStarts.append(sorted.text.isEmpty ? 0 : sorted.text.count + 1)
            } else {
                if !sorted.text.isEmpty { sorted.text.append(0x20) }
                sorted.textStarts.append(sorted.text.count)
                old.text.withUnsafeBufferPointer { sorted.text.append(UnsafeBufferPointer(rebasing: $0[range])) }
            }
            sorted.starts.append(old.starts[index])
            sorted.ends.append(old.ends[index])
            sorted.speakerIDs.append(old.speakerIDs[index])
            sorted.speakerChanges.append(old.speakerChanges[index])
            sorted.estimated.append(old.estimated[index])
            sorted.lines.append(old.lines[index])
        }
        sorted.maxEnd = old.maxEnd
        sorted.estimatedCount = old.estimatedCount
        store = sorted
    }
}
