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
        /// The WebVTT voice each line starts in, if its markup names one.
        private(set) var voices: [String?] = []

        var count: Int { ranges.count }
        var isEmpty: Bool { ranges.isEmpty }

        subscript(index: Int) -> ArraySlice<UInt8> { bytes[ranges[index]] }

        mutating func removeAll() {
            // Lines stream into the builder once a file is known not to roll: nothing to remove, most cues.
            guard !ranges.isEmpty else { return }
            bytes.removeAll(keepingCapacity: true)
            ranges.removeAll(keepingCapacity: true)
            numbers.removeAll(keepingCapacity: true)
            voices.removeAll(keepingCapacity: true)
        }

        /// Adds line `number` of the file, trimmed; a line of nothing but
        /// spaces adds nothing.
        mutating func append(_ line: Bytes, number: Int, voice: String? = nil) {
            let trimmed = line.trimmingSpaces()
            guard !trimmed.isEmpty else { return }
            let start = bytes.count
            bytes.append(contentsOf: trimmed)
            ranges.append(start..<bytes.count)
            numbers.append(number)
            voices.append(voice)
        }

        /// Adds a line from a buffer of the caller's (see `append(_:number:voice:)`).
        mutating func append(_ line: [UInt8], number: Int, voice: String? = nil) {
            line.withUnsafeBufferPointer { append($0, number: number, voice: voice) }
        }

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

        var timing: Timing { Timing(start: start, end: end, line: line) }
    }

    /// A cue's times and line: all its segments need of it (passed on
    /// rather than the cue, whose lines would be retained and released).
    struct Timing {
        var start: Milliseconds
        var end: Milliseconds
        var line: Int
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
            var segment = open.take() ?? OpenSegment(speaker: current.speaker)
            segment.commit(current.timing, keepEmpty: keepsEmptyCues, into: &builder)
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
                segment.add(
                    Bytes(rebasing: bytes[cue.lines.ranges[k]]), number: cue.lines.numbers[k], voice: cue.lines.voices[k],
                    cue: cue.timing, keepEmpty: keepsEmptyCues, into: &builder)
            }
        }
        segment.commit(cue.timing, keepEmpty: keepsEmptyCues, into: &builder)
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
        open!.add(trimmed, number: number, cue: current.timing, keepEmpty: keepsEmptyCues, into: &builder)
    }

    /// The segments a cue is written as: one, or one a speaker when a line
    /// after the first opens another turn (`- `, `>>`, another WebVTT voice).
    /// The cue's time is then shared among them by the length of their text.
    private struct OpenSegment {
        /// The voice the cue's markup names (WebVTT), for its first turn.
        var speaker: String?
        var speakerChange = false
        var hasText = false
        /// Segments this cue already committed, with their text's length.
        private var parts: [(index: Int, bytes: Int)] = []
        private var bytes = 0

        init(speaker: String?) { self.speaker = speaker }

        /// Adds a trimmed, non-empty line. The first is read for a speaker
        /// prefix (`>>`, `- `, `Name:`); a later one that opens a turn ends
        /// the segment and starts the next.
        mutating func add(
            _ text: Bytes, number: Int, voice: String? = nil, cue: Timing, keepEmpty: Bool, into builder: inout TranscriptBuilder
        ) {
            var line = text
            if hasText {
                let turn = Self.turnPrefixLength(line)
                let newVoice = voice != nil && voice != speaker
                if turn > 0 || newVoice {
                    let index = builder.segmentCount
                    if commitPart(cue, last: false, keepEmpty: keepEmpty, into: &builder) { parts.append((index, bytes)) }
                    speaker = voice
                    speakerChange = turn > 0
                    line = line.dropFirst(turn).trimmingSpaces()
                    if speaker == nil, let label = SpeakerLabel.split(line) {
                        speaker = label.name
                        line = line.dropFirst(label.restStart)
                    }
                    bytes = 0
                    hasText = true
                    builder.beginSegment()
                } else {
                    builder.appendSpace()
                    bytes += 1
                }
            } else {
                hasText = true
                builder.beginSegment()
                if voice != nil { speaker = voice }
                let turn = Self.turnPrefixLength(line)
                if turn > 0 {
                    speakerChange = true
                    line = line.dropFirst(turn).trimmingSpaces()
                }
                if speaker == nil, let label = SpeakerLabel.split(line) {
                    speaker = label.name
                    line = line.dropFirst(label.restStart)
                }
            }
            bytes += line.count
            builder.appendText(line, line: number)
        }

        /// `>> `, `- ` or a dash glued to a word (`-Where?`): how many bytes
        /// mark a change of speaker at the start of a caption line, or 0.
        static func turnPrefixLength(_ line: Bytes) -> Int {
            if line.hasPrefix(">>") { return 2 }
            guard line.count >= 2, line[0] == 0x2D /* - */ else { return 0 }
            let next = line[1]
            // Not `-5 degrees`, `--` or `- -`.
            if ByteClass.isSpace(next) { return line.count > 2 && line[2] != 0x2D ? 1 : 0 }
            return next | 0x20 >= 0x61 && next | 0x20 <= 0x7A || next >= 0x80 || next == 0x22 || next == 0x27 ? 1 : 0
        }

        /// Commits the turn written so far. Turns before the last end where
        /// the cue does, or at its start if it ends before it (the last turn
        /// is committed with the cue's own end, so that is warned once).
        private func commitPart(_ cue: Timing, last: Bool, keepEmpty: Bool, into builder: inout TranscriptBuilder) -> Bool {
            builder.commitSegment(
                start: cue.start, end: last ? cue.end : max(cue.start, cue.end), speaker: speaker,
                speakerChange: speakerChange, line: cue.line, keepEmpty: keepEmpty)
        }

        mutating func commit(_ cue: Timing, keepEmpty: Bool, into builder: inout TranscriptBuilder) {
            if !hasText { builder.beginSegment() }
            let index = builder.segmentCount
            let committed = commitPart(cue, last: true, keepEmpty: keepEmpty, into: &builder)
            guard !parts.isEmpty else { return }
            // Share the cue's time among its turns by the length of their text
            // (in floating point: a cue of a billion hours times a long text
            // would overflow milliseconds).
            if committed { parts.append((index, bytes)) }
            let total = Double(max(1, parts.reduce(0) { $0 + $1.bytes }))
            let end = max(cue.start, cue.end)
            let duration = Double(end - cue.start)
            var done = 0
            func time(after bytes: Int) -> Milliseconds {
                min(end, cue.start + Milliseconds((duration * Double(bytes) / total).rounded(.down)))
            }
            for (k, part) in parts.enumerated() {
                let start = time(after: done)
                done += part.bytes
                builder.retime(segment: part.index, start: start, end: k == parts.count - 1 ? end : time(after: done))
            }
        }
    }
}
