import Foundation
import HarkTestSupport
import Testing

@testable import HarkCore

/// `TextSearch.count(of:inFileAt:format:)` counts without building the
/// transcript; whenever it answers, it must give the count of the loaded
/// transcript, whatever the file holds.
struct QuickCountTests {
    /// What a line's text is made of: plain words, what the reader changes
    /// (speaker marks, runs of spaces, tabs), what the cleaner changes
    /// (controls, NUL, no-break spaces), what folding changes (case,
    /// accents), and bytes that are not UTF-8.
    static let textPieces: [[UInt8]] =
        [
            "language", "Language", "model", "MODEL", "so", "the", "a", " ", "  ", "\t", "café", "CAFÉ", "naïve",
            "\u{A0}", "\u{1B}[2J", "\u{7F}", "\u{85}", "\u{0}", ">>", "(speaker 1)", "(speaker ?)", "[SPEAKER_TURN]",
            "[MUSIC]", "ß", "東京", "l", "-->", "]",
        ].map { Array($0.utf8) }
    /// Rarer, as each sends the whole file to the load.
    static let invalidPieces: [[UInt8]] = [[0xE9], [0xFF, 0xFE], [0xC3]]

    /// A timing line's opening at `ms`, in the usual shape (`kind` 0) or in
    /// one of the others the reader takes or refuses.
    static func timing(_ ms: Int, kind: Int) -> [UInt8] {
        func stamp(_ ms: Int, hours: String = "%02d", separator: String = ".") -> String {
            String(format: hours + ":%02d:%02d" + separator + "%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
        }
        let (start, end) = (stamp(ms), stamp(ms + 700))
        let line: String
        switch kind {
        case 0: line = "[\(start) --> \(end)]"
        case 1: line = "[\(stamp(ms, hours: "%d")) --> \(stamp(ms + 700, hours: "%d"))]"
        case 2: line = "[\(stamp(ms, separator: ",")) --> \(stamp(ms + 700, separator: ","))]"
        case 3: line = "[\(start) -> \(end)]"
        case 4: line = "  [\(start) --> \(end)]"
        case 5: line = "[\(start)-->\(end)]"
        case 6: line = "[00:61:00.000 --> 00:62:00.000]"
        case 7: line = "[00:00:60.000 --> 00:00:61.000]"
        case 8: line = "[00:00:0a.000 --> 00:00:02.000]"
        case 9: line = "whisper_init: loading model"
        default: line = ""
        }
        return Array(line.utf8)
    }

    static let lineEnds: [[UInt8]] = [[0x0A], [0x0A], [0x0A], [0x0D, 0x0A], [0x0D]]

    static let patterns = [
        "language model", "model so", "so language", "the", "l", "café", "cafe", "Model", "a a", "ss", "speaker",
        "[music]", "model  so",
    ]

    /// A whisper file of up to `lines` lines, most of them of the usual shape.
    static func file(_ random: inout SeededGenerator, lines: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for line in 0..<(1 + Int(random.next() % UInt64(lines))) {
            bytes += timing(line * 1000, kind: random.next() % 4 != 0 ? 0 : Int(random.next() % 11))
            bytes += Array(repeating: 0x20, count: Int(random.next() % 4))
            for k in 0..<Int(random.next() % 7) {
                if k > 0 { bytes.append(0x20) }
                switch random.next() % 300 {
                case 0: bytes += invalidPieces[Int(random.next() % UInt64(invalidPieces.count))]
                case 1...100: bytes += textPieces[Int(random.next() % UInt64(textPieces.count))]
                default: bytes += textPieces[Int(random.next() % 5)]
                }
            }
            bytes += random.next() % 6 == 0 ? lineEnds[Int(random.next() % UInt64(lineEnds.count))] : [0x0A]
        }
        if random.next() % 5 == 0 { bytes.removeLast() }  // no line end at the end
        return bytes
    }

    static func fullCount(_ query: SearchQuery, _ path: String) -> Int? {
        (try? TranscriptLoader.load(path: path)).map { TextSearch.count(of: query, in: $0) }
    }

    @Test func givesTheLoadedTranscriptsCountWheneverItAnswers() {
        var random = SeededGenerator(seed: 12)
        var answered = 0
        let trials = 600
        for trial in 0..<trials {
            let path = TestFiles.write(Self.file(&random, lines: trial % 3 == 0 ? 3 : 40), name: "quick.txt")
            for pattern in Self.patterns.shuffled(using: &random).prefix(3) {
                let query = SearchQuery(pattern, forceCaseSensitive: random.next() % 5 == 0, wholeWord: random.next() % 4 == 0)
                let full = Self.fullCount(query, path)
                guard let quick = TextSearch.count(of: query, inFileAt: path, format: nil) else { continue }
                answered += 1
                #expect(quick == full, "\(pattern) in \(path)")
            }
        }
        // The quick count must actually answer for most files, or this test tests nothing.
        #expect(answered > trials * 3 / 2)
    }

    /// Several blocks of the file, with lines cut by the ends of the chunks read.
    @Test func countsAcrossTheBlocksOfALargeFile() throws {
        var random = SeededGenerator(seed: 7)
        var bytes: [UInt8] = []
        while bytes.count < 3 * SourceFile.chunkSize { bytes += Self.file(&random, lines: 200) }
        let path = TestFiles.write(bytes, name: "large.txt")
        for pattern in ["language model", "model so", "the", "café"] {
            let query = SearchQuery(pattern)
            let quick = TextSearch.count(of: query, inFileAt: path, format: nil)
            if quick != nil { #expect(quick == Self.fullCount(query, path), "\(pattern)") }
        }
        // A file of usual lines only is counted the quick way, phrases across lines too.
        var usual: [UInt8] = []
        func stamp(_ ms: Int) -> String {
            String(format: "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
        }
        for k in 0..<40_000 {
            usual += Array(
                "[\(stamp(k * 200)) --> \(stamp(k * 200 + 100))]   line \(k) ends with language\n[\(stamp(k * 200 + 100)) --> \(stamp(k * 200 + 200))]   model starts it\n"
                    .utf8)
        }
        let usualPath = TestFiles.write(usual, name: "usual.txt")
        let query = SearchQuery("language model")
        #expect(TextSearch.count(of: query, inFileAt: usualPath, format: nil) == 40_000)
        #expect(Self.fullCount(query, usualPath) == 40_000)
    }

    /// Each thing the reader or the cleaner changes in a line, beside
    /// usual lines, counted as the load counts it.
    @Test(arguments: [
        "language  model", "language\tmodel", ">> language model", "(speaker 1) language model",
        "language [SPEAKER_TURN]", "language model   ", "language\u{A0}model", "lang\u{1B}uage model", "LANGUAGE Model",
        "language\r[00:00:01.500 --> 00:00:01.600]   model", "language\r\n[00:00:01.500 --> 00:00:01.600]   model",
        "Ünïcödé language", "", "language ", "a language ", "so a language ", "it is so a language ", "so it is so language ",
        "so so, language ", "language \r", "so so, language \r",
    ])
    func countsEachLineAsTheLoadReadsIt(text: String) {
        let file =
            "[00:00:00.000 --> 00:00:01.000]   so it ends with language\n[00:00:01.000 --> 00:00:01.500]   \(text)\n"
            + "[00:00:02.000 --> 00:00:03.000]   model and so on\n"
        let path = TestFiles.write(file, name: "each.txt")
        for pattern in ["language model", "model so", "language", "so it", "unicode"] {
            let query = SearchQuery(pattern)
            let quick = TextSearch.count(of: query, inFileAt: path, format: nil)
            #expect(quick != nil, "\(text)")
            #expect(quick == Self.fullCount(query, path), "\(pattern) with \(text)")
        }
    }

    @Test func leavesToTheLoadWhatOnlyTheLoadCanTell() {
        let query = SearchQuery("café")
        // Windows-1252 (read again as such by the loader), another format, nothing left, a missing file.
        let windows1252 = TestFiles.write(Array("[00:00:01.000 --> 00:00:02.000]   caf".utf8) + [0xE9, 0x0A], name: "cp.txt")
        #expect(TextSearch.count(of: query, inFileAt: windows1252, format: nil) == nil)
        #expect(Self.fullCount(query, windows1252) == 1)
        let srt = TestFiles.write("1\n00:00:01,000 --> 00:00:02,000\ncafé\n", name: "a.srt")
        #expect(TextSearch.count(of: query, inFileAt: srt, format: nil) == nil)
        let empty = TestFiles.write("[00:00:01.000 --> 00:00:02.000]   \n", name: "empty.txt")
        #expect(TextSearch.count(of: query, inFileAt: empty, format: nil) == nil)
        #expect(TextSearch.count(of: query, inFileAt: "/nonexistent/hark.txt", format: nil) == nil)
    }

    /// The copy of a line (sixteen bytes at a time, then one by one) against
    /// the rule written plainly, at every length and line feed position up
    /// to three vectors, with a byte that is not printable before, at or
    /// after the line feed, and with and without folding.
    @Test func copyLineCopiesFoldsAndChecksAsTheRuleSays() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ019 .,'?-AZaz@[`{~".utf8)
        for length in 0...50 {
            for lineFeed in [nil] + Array(0..<length) {
                for oddByte in [nil, 0x09, 0x7F, 0xC3, 0x1F] as [UInt8?] {
                    var bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
                    if let lineFeed { bytes[lineFeed] = 0x0A }
                    let oddAt = length == 0 ? nil : Int.random(in: 0..<length, using: &generator)
                    if let oddByte, let oddAt, oddAt != lineFeed { bytes[oddAt] = oddByte }
                    for folding in [false, true] {
                        let stop = lineFeed ?? length
                        let line = bytes[..<stop]
                        let expected = line.map { folding && (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
                        let expectedPlain = line.allSatisfy { (0x20...0x7E).contains($0) }
                        var target = [UInt8](repeating: 0, count: length + 16)
                        var plain = true
                        let end = bytes.withUnsafeBufferPointer { source in
                            target.withUnsafeMutableBufferPointer {
                                PlainText.copyLine(
                                    source.baseAddress ?? UnsafePointer(bitPattern: 1)!, from: 0, to: length,
                                    into: $0.baseAddress!, folding: folding, plain: &plain)
                            }
                        }
                        #expect(end == stop, "\(bytes)")
                        #expect(Array(target[..<stop]) == expected, "\(bytes)")
                        #expect(plain == expectedPlain, "\(bytes)")
                    }
                }
            }
        }
    }
}
