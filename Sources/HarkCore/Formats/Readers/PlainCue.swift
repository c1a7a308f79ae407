import CByteKernels

/// A caption cue that needs none of its format's line-by-line rules (see
/// `hark_scan_plain_srt_cue` and `hark_scan_plain_webvtt_cue`): its index or
/// numeric id (if any), a timing line of the usual shape, text lines that
/// are not digits, markup or spaces at either end, then an empty line; read
/// from the bytes at hand. The SRT and WebVTT readers hand such cues to the
/// caption assembler as their line rules would, and write a run of simple
/// ones straight into segments (`readRun`).
struct PlainCue {
    enum Format { case srt, webVTT }

    let format: Format
    let startTime: Milliseconds
    let endTime: Milliseconds
    /// 1 with an index line, else 0.
    let indexLines: Int
    let textLineCount: Int
    /// Where it starts, and where the line after its empty line does.
    let start: UnsafePointer<UInt8>
    let end: UnsafePointer<UInt8>
    /// One segment of its lines joined (see `hark_plain_cue`).
    let isSimple: Bool
    /// Where its lines are; a record the reader keeps (a cue is read
    /// into it, not copied, with the next cue read into the other).
    private let scan: UnsafePointer<hark_plain_cue>

    /// The two records a run of cues is read into, the cue's and the next one's, in turn.
    final class Records {
        private let records = UnsafeMutablePointer<hark_plain_cue>.allocate(capacity: 2)
        init() { records.initialize(repeating: hark_plain_cue(), count: 2) }
        deinit { records.deallocate() }
        func record(_ k: Int) -> UnsafeMutablePointer<hark_plain_cue> { records + k }
    }

    /// The cue of `format` that starts at `start`, read up to `end` at most, into `scan`.
    init?(
        _ format: Format, at start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>,
        scan: UnsafeMutablePointer<hark_plain_cue>
    ) {
        let times: (Milliseconds, Milliseconds)?
        switch format {
        case .srt:
            guard hark_scan_plain_srt_cue(start, end - start, SRTTiming.length, scan) == 1 else { return nil }
            times = Self.srtTimes(Bytes(start: start + scan.pointee.timing, count: scan.pointee.timing_length))
        case .webVTT:
            guard hark_scan_plain_webvtt_cue(start, end - start, WebVTTTiming.length, scan) == 1 else { return nil }
            times = Self.webVTTTimes(Bytes(start: start + scan.pointee.timing, count: scan.pointee.timing_length))
        }
        guard let times else { return nil }
        self.format = format
        (startTime, endTime) = times
        indexLines = Int(scan.pointee.has_index)
        textLineCount = Int(scan.pointee.text_lines)
        isSimple = scan.pointee.is_simple != 0
        self.start = start
        self.end = start + scan.pointee.used
        self.scan = UnsafePointer(scan)
    }

    /// As the SRT reader reads a timing line: the usual shape by position,
    /// any other (hours past 99, one-digit hours, settings after it) by the
    /// general parse.
    private static func srtTimes(_ line: Bytes) -> (Milliseconds, Milliseconds)? {
        if SRTTiming.matches(line), let p = line.baseAddress { return (UsualTiming.clock(p), UsualTiming.clock(p + 17)) }
        guard case .timing(let timing) = TimingLine.parse(line.trimmingSpaces()) else { return nil }
        return (timing.start, timing.end)
    }

    /// As the WebVTT reader reads a timing line, for timestamps valid in
    /// WebVTT only: any other is counted and warned about line by line.
    private static func webVTTTimes(_ line: Bytes) -> (Milliseconds, Milliseconds)? {
        guard case .timing(let timing) = WebVTTReader.Timing.parse(line), timing.isStandard else { return nil }
        return (timing.start, timing.end)
    }

    /// Its lines: index, timing, text and the empty one.
    var lineCount: Int { indexLines + textLineCount + 2 }

    func textLine(_ k: Int) -> Bytes {
        withUnsafeBytes(of: scan.pointee.text_start) { starts in
            withUnsafeBytes(of: scan.pointee.text_length) { lengths in
                let stride = MemoryLayout<Int>.stride
                return Bytes(
                    start: start + starts.load(fromByteOffset: k * stride, as: Int.self),
                    count: lengths.load(fromByteOffset: k * stride, as: Int.self))
            }
        }
    }

    /// The length of its text lines joined by spaces.
    var joinedLength: Int { scan.pointee.joined_length }

    /// Writes its text lines joined by spaces to `to` (room for `joinedLength`).
    func join(into to: UnsafeMutablePointer<UInt8>) { _ = hark_join_plain_cue(start, scan, to) }

    /// Reads the plain cues from `first` (read into `records.record(0)`, its
    /// index or timing line at line `line`) on, up to `end`. A simple cue is
    /// one segment whatever the caption rules; it is written at once, while
    /// the file is known not to roll, when the next cue's start shows that no
    /// text of this one follows. The cue the run stops at is begun in
    /// `assembler` with its lines added, for the reader to end. Returns it
    /// and the line its index or timing line is on.
    static func readRun(
        from first: PlainCue, line: Int, end: UnsafePointer<UInt8>, records: Records,
        assembler: inout CaptionAssembler, into builder: inout TranscriptBuilder
    ) -> (last: PlainCue, line: Int) {
        var cue = first
        var line = line
        var slot = 0
        while cue.isSimple, assembler.isRolling == false,
            let next = PlainCue(cue.format, at: cue.end, end: end, scan: records.record(1 - slot))
        {
            builder.appendCleanText(length: cue.joinedLength) { cue.join(into: $0) }
            builder.commitSegment(
                start: cue.startTime, end: cue.endTime, speaker: nil, speakerChange: false, line: line + cue.indexLines,
                keepEmpty: assembler.keepsEmptyCues)
            line += cue.lineCount
            cue = next
            slot = 1 - slot
        }
        let timingLine = line + cue.indexLines
        assembler.beginCue(start: cue.startTime, end: cue.endTime, line: timingLine)
        for k in 0..<cue.textLineCount {
            assembler.addLine(cue.textLine(k), number: timingLine + 1 + k, into: &builder)
        }
        return (cue, line)
    }
}
