import HarkTestSupport
import Testing

@testable import HarkCore

/// A large JSON file's second half may be read on another thread from an
/// item found near the middle (`JSONTranscriptReader.SecondHalf`): the
/// transcript, or the error, must be the one a whole read gives, whatever
/// the bytes around the middle are.
struct JSONHalvesTests {
    private struct Reading: Equatable {
        var segments: [Segment] = []
        var speakers: [String] = []
        var warnings: [LoadWarning] = []
        var format: TranscriptFormat?
        var error: String?
    }

    /// Reads `path` whole, or with its second half apart when it can; says how many parts were joined.
    private func read(_ path: String, inHalves: Bool) -> (Reading, partsJoined: Int) {
        var builder = TranscriptBuilder()
        do {
            let file = try SourceFile(path: path)
            let format = try JSONTranscriptReader.read(
                file, path: path, into: &builder, parallelThreshold: inHalves ? 64 : .max)
            let transcript = builder.build(source: path, format: format)
            return (
                Reading(
                    segments: Array(transcript.segments), speakers: transcript.speakers, warnings: transcript.warnings,
                    format: format), builder.partsJoined
            )
        } catch {
            return (Reading(error: "\(error)"), builder.partsJoined)
        }
    }

    @discardableResult
    private func expectSameReading(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        let path = TestFiles.write(bytes, name: "halves.json")
        let (whole, _) = read(path, inHalves: false)
        let (halves, partsJoined) = read(path, inHalves: true)
        #expect(halves == whole, sourceLocation: sourceLocation)
        return partsJoined
    }

    private func item(_ k: Int, text: String = "", extra: String = "") -> String {
        let text = text.isEmpty ? " plain words \(k)." : text
        return
            #"{"id": \#(k), "seek": 0, "start": \#(Double(k) * 1.5), "end": \#(Double(k) * 1.5 + 1.25), "text": "\#(text)", "tokens": [50364, 1029, 13], "avg_logprob": -0.25\#(extra)}"#
    }

    @Test func aPlainFileIsReadInHalvesAsAWholeReadReadsIt() {
        let json = #"{"text": "", "segments": ["# + (0..<400).map { item($0) }.joined(separator: ", ") + #"], "language": "en"}"#
        #expect(expectSameReading(Array(json.utf8)) == 1)
        // A bare array, pretty-printed, with a byte order mark.
        let pretty = [0xEF, 0xBB, 0xBF] + Array(("[\n  " + (0..<400).map { item($0) }.joined(separator: ",\n  ") + "\n]\n").utf8)
        #expect(expectSameReading(pretty) == 1)
    }

    @Test func theMiddleFoundIsASegmentNotAWordOfOne() throws {
        let words = #", "words": [{"word": " a", "start": 0.0, "end": 0.5}, {"word": " b", "start": 0.5, "end": 1.0}]"#
        let json = #"{"segments": ["# + (0..<300).map { item($0, extra: words) }.joined(separator: ", ") + "]}"
        #expect(expectSameReading(Array(json.utf8)) == 1)
        let path = TestFiles.write(json, name: "words.json")
        let file = try SourceFile(path: path)
        let start = try #require(JSONTranscriptReader.SecondHalf.itemStart(in: file, after: json.utf8.count / 2))
        #expect(Array(json.utf8)[start...].starts(with: Array(#"{"id": "#.utf8)))
    }

    @Test func aGuessInsideAStringIsNotTaken() {
        // The middle of the file is a top-level text that looks like items.
        let fake = (0..<300).map { #"}, {\"text\": \"not an item \#($0)\", \"start\": 1"# }.joined()
        let json = #"{"segments": ["# + (0..<20).map { item($0) }.joined(separator: ", ") + #"], "text": ""# + fake + #""}"#
        #expect(expectSameReading(Array(json.utf8)) == 0)
    }

    /// Every item holds an array of objects, one of them segment-like: the
    /// guess falls on it or on an item, as the padding before the items
    /// moves the middle; a guess inside an item reads cleanly to that
    /// array's end, and must not be taken when the first half passes it.
    @Test func aGuessInsideAnItemIsNotTaken() throws {
        let alt = #", "alt": [{"a": 0}, {"start": 5, "end": 6, "text": " x"}]"#
        let items = (0..<300).map { item($0, extra: alt) }.joined(separator: ", ")
        var guessesInside = 0
        for pad in stride(from: 0, to: 240, by: 8) {
            let json = #"{"text": ""# + String(repeating: " ", count: pad) + #"", "segments": ["# + items + "]}"
            let path = TestFiles.write(json, name: "alt.json")
            let start = try #require(
                JSONTranscriptReader.SecondHalf.itemStart(in: try SourceFile(path: path), after: json.utf8.count / 2))
            let inside = Array(json.utf8)[start...].starts(with: Array(#"{"start": 5"#.utf8))
            if inside { guessesInside += 1 }
            #expect(expectSameReading(Array(json.utf8)) == (inside ? 0 : 1), "padding \(pad)")
        }
        #expect(guessesInside > 0)
    }

    @Test func warningsAndErrorsInTheSecondHalfAreAWholeReadsToo() {
        var items = (0..<400).map { item($0) }
        items[300] = #"{"start": 2.0, "text": " no end"}"#
        items[310] = "42"
        let warned = #"{"segments": ["# + items.joined(separator: ",\n") + "]}"
        #expect(expectSameReading(Array(warned.utf8)) == 0)
        let broken = #"{"segments": ["# + (0..<400).map { item($0) }.joined(separator: ",\n") + "}"
        #expect(expectSameReading(Array(broken.utf8)) == 0)
    }

    @Test func theItemBeforeTheSecondHalfEndsWhereItStarts() throws {
        let items = (0..<400).map { item($0) }
        var json = #"{"segments": ["# + items.joined(separator: ", ") + "]}"
        let path = TestFiles.write(json, name: "split.json")
        let start = try #require(
            JSONTranscriptReader.SecondHalf.itemStart(in: try SourceFile(path: path), after: json.utf8.count / 2))
        let second = Array(json.utf8)[..<start].split(separator: 0x7B).count - 1
        // The item before it without an end, the file as long as it was (an unknown key instead).
        let unended = items[second - 1].replacingOccurrences(of: #""end""#, with: #""fin""#)
        json = #"{"segments": ["# + (items[..<(second - 1)] + [unended] + items[second...]).joined(separator: ", ") + "]}"
        #expect(expectSameReading(Array(json.utf8)) == 1)
        let (halves, _) = read(TestFiles.write(json, name: "split.json"), inHalves: true)
        #expect(halves.segments[second - 1].end == halves.segments[second].start)
    }

    @Test func anErrorAfterTheSegmentsIsOnItsLine() {
        let json = "{\"segments\": [\n" + (0..<400).map { item($0) }.joined(separator: ",\n") + "\n],\n\"language\": \"en\",\n}\n"
        let (halves, partsJoined) = read(TestFiles.write(json, name: "after.json"), inHalves: true)
        #expect(partsJoined == 1)
        #expect(halves.error?.contains("line 404") == true, "\(halves.error ?? "no error")")
        expectSameReading(Array(json.utf8))
    }

    @Test func filesReadAgainOrTranscodedLoadAsAWholeReadLoadsThem() throws {
        let text =
            #"{"segments": ["# + (0..<300).map { item($0, text: $0 == 250 ? " caf\u{E9}" : "") }.joined(separator: ", ") + "]}"
        // Windows-1252 (read again as such), UTF-16 with its mark.
        let windows1252 = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        for bytes in [windows1252, utf16] {
            let path = TestFiles.write(bytes, name: "encoded.json")
            let whole = try TranscriptLoader.load(path: path, format: nil, parallelThreshold: .max)
            let halves = try TranscriptLoader.load(path: path, format: nil, parallelThreshold: 64)
            #expect(Array(halves.segments) == Array(whole.segments))
            #expect(halves.warnings == whole.warnings)
            #expect(whole.texts[250] == "café")
        }
    }

    /// Random files of the shapes the reader tells apart, each read whole and in halves.
    @Test(arguments: 0..<40) func randomFilesReadAsAWhole(seed: UInt64) {
        var random = SeededGenerator(seed: seed &* 4099 &+ 3)
        let texts = [
            #" with \"quotes\" and \\ slashes"#, #" caf\u00e9 \ud83d\ude00"#, " Café", #" }, {\"text\": \"x\"}, {"#, " [MUSIC]",
            #" line\nbreak"#,
        ]
        let extras = [
            #", "speaker": "SPEAKER_01""#, #", "words": [{"word": " w", "start": 1.0, "end": 1.2}]"#, #", "turn": true"#,
            #", "estimated": true"#, #", "nested": {"a": [1, {"b": null}], "c": "}, {"}"#,
        ]
        let odd = [
            #"{"start": 1.0, "text": " no end"}"#, #"{"end": 3.0}"#, "null", #"{"startTime": 1, "body": " podcast"}"#,
            #"{"start": 2.0, "end": 1.0, "text": " backwards"}"#, #"{"start": 1, "end": 2, "text": ""}"#,
        ]
        let separator = [", ", ",\n", ",\n    ", ","].randomElement(using: &random)!
        // A third of the files with items that are warned about (their halves are not taken).
        let hasOddItems = Int.random(in: 0..<3, using: &random) == 0
        var items: [String] = []
        for k in 0..<Int.random(in: 50...400, using: &random) {
            switch Int.random(in: 0..<40, using: &random) {
            case 0 where hasOddItems: items.append(odd.randomElement(using: &random)!)
            case 1...4: items.append(item(k, text: texts.randomElement(using: &random)!))
            case 5...9: items.append(item(k, extra: extras.randomElement(using: &random)!))
            default: items.append(item(k))
            }
        }
        var json: String
        switch Int.random(in: 0..<4, using: &random) {
        case 0: json = "[" + items.joined(separator: separator) + "]"
        case 1:
            json = #"{"text": " a long text, }, {\"text\": \"\", ", "segments": ["# + items.joined(separator: separator) + "]}"
        default:
            json = #"{"segments": ["# + items.joined(separator: separator) + #"], "language": "en", "more": [{"text": "x"}]}"#
        }
        var bytes = Array(json.utf8)
        if Int.random(in: 0..<20, using: &random) == 0 { bytes[Int.random(in: 0..<bytes.count, using: &random)] = 0xFF }
        if Int.random(in: 0..<20, using: &random) == 0 { bytes.remove(at: Int.random(in: 0..<bytes.count, using: &random)) }
        expectSameReading(bytes)
    }
}
