import HarkTestSupport
import Testing

@testable import HarkCore

/// The usual timing lines of whisper text and SRT, checked and read by
/// position: their constants follow from their shapes, and every line they
/// take reads as the general parse reads it.
struct UsualTimingTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var name: String
        var shape: String
        var length: Int
        var offsets: (Int, Int, Int, Int)
        var expected: (UInt64, UInt64, UInt64, UInt64)
        var addends: (UInt64, UInt64, UInt64, UInt64)
        /// Where the timestamps are in the line, for the general parse.
        var inside: Range<Int>
        var matches: @Sendable (Bytes) -> Bool
        var timing: @Sendable (Bytes) -> TimingLine

        var testDescription: String { name }
    }

    static let shapes = [
        Shape(
            name: "whisper", shape: PlainTiming.shape, length: PlainTiming.length, offsets: PlainTiming.wordOffsets,
            expected: PlainTiming.expected, addends: PlainTiming.addends, inside: 1..<30,
            matches: { $0.count >= PlainTiming.length && PlainTiming.matches($0.baseAddress!) },
            timing: { PlainTiming.timing($0.baseAddress!) }),
        Shape(
            name: "SRT", shape: SRTTiming.shape, length: SRTTiming.length, offsets: SRTTiming.wordOffsets,
            expected: SRTTiming.expected, addends: SRTTiming.addends, inside: 0..<29, matches: { SRTTiming.matches($0) },
            timing: { SRTTiming.timing($0) }),
        Shape(
            name: "WebVTT", shape: WebVTTTiming.shape, length: WebVTTTiming.length, offsets: WebVTTTiming.wordOffsets,
            expected: WebVTTTiming.expected, addends: WebVTTTiming.addends, inside: 0..<29,
            matches: { WebVTTTiming.opens($0) },
            timing: { line in
                // As the WebVTT reader reads it, by position; a refusal reads as no time at all.
                guard case .timing(let timing) = WebVTTReader.Timing.parse(line) else {
                    return TimingLine(start: -1, end: -1, startText: line, endText: line, rest: line)
                }
                return TimingLine(
                    start: timing.start, end: timing.end, startText: line, endText: line, rest: Bytes(rebasing: line[29...]))
            }),
    ]

    @Test(arguments: shapes)
    func constantsFollowTheShape(_ shape: Shape) {
        let bytes = Array(shape.shape.utf8)
        func word(_ offset: Int, _ byte: (UInt8) -> UInt8) -> UInt64 {
            (0..<8).reduce(0) { $0 | UInt64(byte(bytes[offset + $1])) << (8 * $1) }
        }
        let offsets = [shape.offsets.0, shape.offsets.1, shape.offsets.2, shape.offsets.3]
        let expected = offsets.map { word($0) { $0 == 0x64 || $0 == 0x73 ? 0x30 : $0 } }
        let addends = offsets.map { word($0) { $0 == 0x64 ? 0x76 : $0 == 0x73 ? 0x7A : 0x7F } }
        #expect(expected == [shape.expected.0, shape.expected.1, shape.expected.2, shape.expected.3])
        #expect(addends == [shape.addends.0, shape.addends.1, shape.addends.2, shape.addends.3])
        #expect(offsets.last! + 8 == shape.length && bytes.count == shape.length)
    }

    /// Random lines of the shape, one in four with a byte changed anywhere:
    /// exactly the lines of the shape are taken, and each reads as the
    /// general parse reads it.
    @Test(arguments: shapes)
    func everyLineTakenReadsAsTheGeneralParse(_ shape: Shape) {
        var random = SeededGenerator(seed: 3)
        let template = Array(shape.shape.utf8)
        var taken = 0
        for _ in 0..<4_000 {
            var line = template.map {
                $0 == 0x64 ? UInt8(0x30 + random.next() % 10) : $0 == 0x73 ? UInt8(0x30 + random.next() % 7) : $0
            }
            if random.next() % 4 == 0 { line[Int(random.next() % UInt64(line.count))] = UInt8(random.next() % 128) }
            line.withUnsafeBufferPointer { bytes in
                let general = TimingLine.parse(Bytes(rebasing: bytes[shape.inside]))
                // Of the shape: digits where it has them (under six where it says so), its bytes elsewhere.
                let ofTheShape = zip(template, line).allSatisfy { want, have in
                    switch want {
                    case 0x64: (0x30...0x39).contains(have)
                    case 0x73: (0x30...0x35).contains(have)
                    default: want == have
                    }
                }
                guard shape.matches(bytes) else {
                    if ofTheShape { Issue.record("not taken: \(String(decoding: line, as: UTF8.self))") }
                    return
                }
                #expect(ofTheShape, "taken: \(String(decoding: line, as: UTF8.self))")
                taken += 1
                guard case .timing(let parsed) = general else {
                    Issue.record("the general parse refuses \(String(decoding: line, as: UTF8.self))")
                    return
                }
                let quick = shape.timing(bytes)
                #expect(quick.start == parsed.start && quick.end == parsed.end && parsed.rest.isEmpty)
            }
        }
        #expect(taken > 1_000)
    }

    /// WebVTT's usual line may go on with settings, glued on too; a byte of
    /// a timestamp after it would make the end time another.
    @Test func aWebVTTLineOpensWithTheShapeOnlyWhereItsEndTimeEnds() {
        let usual = "00:01:02.500 --> 00:01:05.000"
        for (rest, opens) in [
            ("", true), (" align:start", true), ("region:r", true), ("\tline:0", true), ("<b>", true),
            ("0", false), (":5", false), (".5", false), (",5", false),
        ] {
            let line = Array((usual + rest).utf8)
            line.withUnsafeBufferPointer { bytes in
                #expect(WebVTTTiming.opens(bytes) == opens, "\(rest)")
                guard case .timing(let timing) = WebVTTReader.Timing.parse(bytes) else {
                    // A longer end time is the general parse's to refuse or read.
                    #expect(!opens, "\(rest)")
                    return
                }
                if opens { #expect(timing.start == 62_500 && timing.end == 65_000 && timing.isStandard) }
            }
        }
    }
}
