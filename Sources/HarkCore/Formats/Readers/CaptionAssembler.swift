import Foundation

/// Turns the cues an SRT or WebVTT reader finds into segments, one cue at a
/// time: the repairs shared by caption files happen here (rolling-caption
/// repeats removed, `>>`, `- ` and `Name:` speaker prefixes read).
///
/// Cues stream through: the reader fills `current`, `endCue` hands it on, and
/// the lines live in buffers reused from cue to cue, so a file of a million
/// cues costs no allocation per cue. Only the first `decisionWindow` cues are
/// held back, until it is known whether the file rolls.
struct CaptionAssembler {
    /// The text lines of one cue (markup removed, trimmed, blank ones left
    /// out), in one flat buffer.
    struct Lines {
        private(set) var bytes: [UInt8] = []
        private(set) var ranges: [Range<Int>] = []
        /// The line of the file each came from, for warnings.
        private(set) var numbers: [Int] = []

        var count: Int { ranges.count }
        var isEmpty: Bool { ranges.isEmpty }

        subscript(index: Int) -> ArraySlice<UInt8> { bytes[ranges[index]] }

        mutating func removeAll() {
            bytes.removeAll(keepingCapacity: true)
            ranges.removeAll(keepingCapacity: true)
            numbers.removeAll(keepingCapacity: true)
        }

        /// Adds line `number` of the file, trimmed; a line of nothing but
        /// spaces adds nothing.
        mutating func append(_ line: Bytes, number: Int) {
            let trimmed = line.trimmingSpaces()
            guard !trimmed.isEmpty else { return }
            let start = bytes.count
            bytes.append(contentsOf: trimmed)
            ranges.append(start..<bytes.count)
            numbers.append(number)
        }

        /// Adds a line from a buffer of the caller's (see `append(_:number:)`).
        mutating func append(_ line: [UInt8], number: Int) { line.withUnsafeBufferPointer { append($0, number: number) } }

        /// The most leading lines of `self` that repeat the last lines of `previous`.
        func overlap(after previous: Lines) -> Int {
            var overlap = min(previous.count, count)
            while overlap > 0 {
                let shift = previous.count - overlap
                if (0..<overlap).allSatisfy({ previous[shift + $0] == self[$0] }) { return overlap }
                overlap -= 1
            }
            return 0
        }
    }

    struct Cue {
        var start: Milliseconds = 0
        var end: Milliseconds = 0
        var line = 0
        /// A speaker named by markup (WebVTT `<v Name>`).
        var speaker: String?
        var lines = Lines()
    }

    /// How many cues decide whether a file has rolling captions.
    static let decisionWindow = 100
    /// YouTube's "hold" cues, which show the finished line for 10 ms, are at
    /// most this long.
    static let holdCueLength: Milliseconds = 50

    /// A WebVTT cue is a cue even without text; an SRT cue without text is dropped.
    let keepsEmptyCues: Bool
    /// The cue the reader is filling.
    var current = Cue()
    private var held: [Cue] = []
    private(set) var isRolling: Bool?
    /// The last cue's lines as the file has them, for the rolling overlap.
    private var previousLines = Lines()
    private var removedLines = 0

    init(keepsEmptyCues: Bool) { self.keepsEmptyCues = keepsEmptyCues }

    mutating func beginCue(start: Milliseconds, end: Milliseconds, line: Int) {
        open = nil
        current.start = start
        current.end = end
        current.line = line
        current.speaker = nil
        current.lines.removeAll()
    }

    /// Hands the current cue on: held while the file's shape is undecided,
    /// then written to `builder`.
    mutating func endCue(into builder: inout TranscriptBuilder) {
        if isRolling == false, current.lines.isEmpty {
            // Written as it came (see `addLine`).
            (open ?? OpenSegment(speaker: current.speaker)).commit(current, keepEmpty: keepsEmptyCues, into: &builder)
            open = nil
            return
        }
        guard let isRolling else {
            held.append(current)
            if held.count >= Self.decisionWindow { decide(into: &builder) }
            return
        }
        emit(current, rolling: isRolling, into: &builder)
    }

    /// After the last cue.
    mutating func finish(into builder: inout TranscriptBuilder) {
        if isRolling == nil { decide(into: &builder) }
        if removedLines > 0 { builder.warn(.rollingCaptions, line: nil, detail: "\(removedLines) repeated lines") }
    }

    /// YouTube's automatic captions "roll": each cue repeats the line before
    /// it. A file is taken to roll when most of its first cues do, so that an
    /// ordinary file that happens to repeat a line now and then keeps it.
    private mutating func decide(into builder: inout TranscriptBuilder) {
        var overlapping = 0
        for k in held.indices.dropFirst() {
            let lines = held[k].lines
            let previous = held[k - 1].lines
            if !lines.isEmpty, !previous.isEmpty, lines[0] == previous[previous.count - 1] { overlapping += 1 }
        }
        let rolling = held.count >= 3 && overlapping >= 2 && overlapping * 2 >= held.count - 1
        isRolling = rolling
        for cue in held { emit(cue, rolling: rolling, into: &builder) }
        held = []
    }

    private mutating func emit(_ cue: Cue, rolling: Bool, into builder: inout TranscriptBuilder) {
        var first = 0
        if rolling {
            // Only the rolling shape goes: the leading lines that repeat the
            // previous cue's last ones, and the short hold cues that repeat it
            // whole. A cue of ordinary length that says again what the one
            // before said is speech, and stays.
            let overlap = cue.lines.overlap(after: previousLines)
            previousLines = cue.lines
            if overlap == cue.lines.count && overlap > 0 {
                if cue.end - cue.start <= Self.holdCueLength {
                    removedLines += overlap
                    return
                }
            } else {
                first = overlap
                removedLines += overlap
            }
        }
        commit(cue, fromLine: first, into: &builder)
    }

    private func commit(_ cue: Cue, fromLine first: Int, into builder: inout TranscriptBuilder) {
        var segment = OpenSegment(speaker: cue.speaker)
        cue.lines.bytes.withUnsafeBufferPointer { bytes in
            for k in first..<cue.lines.count {
                segment.add(Bytes(rebasing: bytes[cue.lines.ranges[k]]), number: cue.lines.numbers[k], into: &builder)
            }
        }
        segment.commit(cue, keepEmpty: keepsEmptyCues, into: &builder)
    }

    // MARK: Straight into the builder

    /// Once a file is known not to roll, lines need not wait for their cue's
    /// end: `addLine` writes them into the builder as they come, and
    /// `endCue` commits the segment.
    private var open: OpenSegment?

    /// Adds a text line (markup removed) to the current cue.
    mutating func addLine(_ line: Bytes, number: Int, into builder: inout TranscriptBuilder) {
        guard isRolling == false else {
            current.lines.append(line, number: number)
            return
        }
        let trimmed = line.trimmingSpaces()
        guard !trimmed.isEmpty else { return }
        if open == nil { open = OpenSegment(speaker: current.speaker) }
        open!.add(trimmed, number: number, into: &builder)
    }

    /// A segment being written: what its first line said of the speaker.
    private struct OpenSegment {
        var speaker: String?
        var speakerChange = false
        var hasText = false

        /// Adds a trimmed, non-empty line; the first is read for a speaker
        /// prefix (`>>`, `- `, `Name:`).
        mutating func add(_ text: Bytes, number: Int, into builder: inout TranscriptBuilder) {
            var line = text
            if hasText {
                builder.appendSpace()
            } else {
                hasText = true
                builder.beginSegment()
                if line.hasPrefix(">>") {
                    speakerChange = true
                    line = line.dropFirst(2).trimmingSpaces()
                } else if line.count >= 2 && line[0] == 0x2D /* - */ && ByteClass.isSpace(line[1]) {
                    speakerChange = true
                    line = line.dropFirst(2).trimmingSpaces()
                }
                if speaker == nil, let label = SpeakerLabel.split(line) {
                    speaker = label.name
                    line = line.dropFirst(label.restStart)
                }
            }
            builder.appendText(line, line: number)
        }

        func commit(_ cue: Cue, keepEmpty: Bool, into builder: inout TranscriptBuilder) {
            if !hasText { builder.beginSegment() }
            builder.commitSegment(
                start: cue.start, end: cue.end, speaker: speaker, speakerChange: speakerChange, line: cue.line,
                keepEmpty: keepEmpty)
        }
    }
}
