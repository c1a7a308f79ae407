import Foundation
import HarkTestSupport
import Testing

@testable import HarkCore

/// Files in UTF-32, in Windows-1252, and UTF-8 files with stray bytes.
struct EncodingTests {
    static let whisper = "[00:00.000 --> 00:01.000]   Ça va? 東京 👍\n[00:01.000 --> 00:02.000]   second line\n"
    static let srt = "1\n00:00:01,000 --> 00:00:02,000\nÇa va? 東京 👍\n\n2\n00:00:03,000 --> 00:00:04,000\nsecond\n"

    /// `text` in UTF-32, with a byte order mark when `mark` is set.
    static func utf32(_ text: String, bigEndian: Bool, mark: Bool = true) -> [UInt8] {
        let scalars: [UInt32] = (mark ? [0xFEFF] : []) + text.unicodeScalars.map(\.value)
        return scalars.flatMap { utf32Unit($0, bigEndian: bigEndian) }
    }

    static func utf32Unit(_ value: UInt32, bigEndian: Bool) -> [UInt8] {
        let bytes = (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        return bigEndian ? bytes.reversed() : bytes
    }

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        ([0xFEFF] + Array(text.utf16)).flatMap { unit -> [UInt8] in
            let bytes = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            return bigEndian ? bytes.reversed() : bytes
        }
    }

    /// `text` in Windows-1252, by Foundation's own encoder.
    static func windows1252(_ text: String) throws -> [UInt8] {
        try #require(text.data(using: .windowsCP1252).map { Array($0) })
    }

    /// The text of a file read through `SourceFile`, as a stream gives it.
    static func readAll(_ bytes: [UInt8]) throws -> String {
        String(decoding: try SourceFile(path: TestFiles.write(bytes, name: "all.txt")).readAll(), as: UTF8.self)
    }

    // MARK: UTF-32

    @Test(arguments: [false, true])
    func readsUTF32WhisperTextAndSRT(bigEndian: Bool) throws {
        let whisper = try TestFiles.load(Self.utf32(Self.whisper, bigEndian: bigEndian), name: "utf32.txt")
        #expect(whisper.format == .whisperText)
        #expect(whisper.texts == ["Ça va? 東京 👍", "second line"])
        #expect(whisper.warnings == [])
        let srt = try TestFiles.load(Self.utf32(Self.srt, bigEndian: bigEndian), name: "utf32.srt")
        #expect(srt.format == .srt)
        #expect(srt.texts == ["Ça va? 東京 👍", "second"])
        #expect(srt.warnings == [])
    }

    /// `FF FE 00 00` opens UTF-32 little-endian, not UTF-16 with a NUL.
    @Test func theUTF32MarkIsNotUTF16() throws {
        let bytes = Self.utf32(Self.srt, bigEndian: false)
        #expect(bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]))
        #expect(try Self.readAll(bytes) == Self.srt)
    }

    @Test(arguments: [false, true])
    func readsUTF32WithoutAMark(bigEndian: Bool) throws {
        #expect(try Self.readAll(Self.utf32(Self.srt, bigEndian: bigEndian, mark: false)) == Self.srt)
    }

    @Test(arguments: [false, true])
    func invalidUTF32IsReplacedAndReportedWithItsLine(bigEndian: Bool) throws {
        let unit = { Self.utf32Unit($0, bigEndian: bigEndian) }
        let before = Self.utf32(
            "1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\n00:00:03,000 --> 00:00:04,000\na", bigEndian: bigEndian)
        let after = Self.utf32("b\n", bigEndian: bigEndian, mark: false)
        // A surrogate, a code point past U+10FFFF, and a unit cut short by the end of the file.
        let t = try TestFiles.load(before + unit(0xD800) + unit(0x11_0000) + after + [0x41], name: "bad32.srt")
        #expect(t.texts == ["fine", "a\u{FFFD}\u{FFFD}b \u{FFFD}"])
        // Each line with an invalid unit: the two on line 7, the cut one on line 8.
        #expect(t.warnings == [LoadWarning(.invalidUTF32, line: 7), LoadWarning(.invalidUTF32, line: 8)])
    }

    @Test(arguments: [false, true])
    func aLoneUTF16SurrogateIsReplacedAndReported(bigEndian: Bool) throws {
        var bytes = Self.utf16("[00:00.000 --> 00:01.000]   ok\n[00:01.000 --> 00:02.000]   x", bigEndian: bigEndian)
        bytes += bigEndian ? [0xDC, 0x00] : [0x00, 0xDC]
        bytes += Self.utf16("y\n", bigEndian: bigEndian).dropFirst(2)
        let t = try TestFiles.load(bytes, name: "bad16.txt")
        #expect(t.texts == ["ok", "x\u{FFFD}y"])
        #expect(t.warnings == [LoadWarning(.invalidUTF16, line: 2)])
    }

    /// Transcoding goes chunk by chunk: characters (surrogate pairs, four-byte
    /// units) cut by the end of a chunk come out whole.
    @Test(arguments: [(16, false), (16, true), (32, false), (32, true)])
    func transcodesAcrossChunks(bits: Int, bigEndian: Bool) throws {
        var generator = SeededGenerator(seed: 32)
        let pieces = ["a", "é", "東", "👍", " ", "\n", "x\u{301}", "€"]
        var text = ""
        while text.utf8.count < 3 * SourceFile.chunkSize {
            text += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
        }
        let bytes = bits == 16 ? Self.utf16(text, bigEndian: bigEndian) : Self.utf32(text, bigEndian: bigEndian)
        #expect(try Self.readAll(bytes) == text)
    }

    // MARK: Windows-1252

    /// The shared table agrees with Foundation's Windows-1252 decoder.
    @Test func theWindows1252TableIsFoundations() throws {
        for byte in UInt8(0x80)...0x9F where Windows1252.isDefined(byte) {
            let decoded = try #require(String(data: Data([byte]), encoding: .windowsCP1252))
            #expect(decoded.unicodeScalars.map(\.value) == [UInt32(Windows1252.highControlRange[Int(byte - 0x80)])])
        }
    }

    @Test func readsAWindows1252SRTAndSaysSo() throws {
        let text = "1\n00:00:01,000 --> 00:00:02,000\nplain\n\n2\n00:00:03,000 --> 00:00:04,000\nun café “noir” à 2 €\n"
        let t = try TestFiles.load(try Self.windows1252(text), name: "cp1252.srt")
        #expect(t.texts == ["plain", "un café “noir” à 2 €"])
        #expect(t.warnings == [LoadWarning(.readAsWindows1252, line: 7)])
    }

    @Test func readsAWindows1252WhisperTextAndSaysSo() throws {
        let text = "[00:00.000 --> 00:01.000]   Déjà vu — “quoted”\n[00:01.000 --> 00:02.000]   €5\n"
        let t = try TestFiles.load(try Self.windows1252(text), name: "cp1252.txt")
        #expect(t.format == .whisperText)
        #expect(t.texts == ["Déjà vu — “quoted”", "€5"])
        #expect(t.warnings == [LoadWarning(.readAsWindows1252, line: 1)])
    }

    /// Read in parallel halves, both halves see the stray bytes; the file is
    /// then read again, whole, as Windows-1252.
    @Test func readsALargeWindows1252WhisperText() throws {
        let lines = (0..<400).map { "[00:\($0 / 60):\($0 % 60).000 --> 00:\($0 / 60):\($0 % 60).500]   café n°\($0) “ok”\n" }
        let path = TestFiles.write(try Self.windows1252(lines.joined()), name: "cp1252-large.txt")
        let t = try TranscriptLoader.load(path: path, format: nil, parallelThreshold: 1024)
        #expect(t.texts == (0..<400).map { "café n°\($0) “ok”" })
        #expect(t.warnings == [LoadWarning(.readAsWindows1252, line: 1)])
    }

    @Test func readsWindows1252SpeakerNames() throws {
        let text = "José: hola\n\nSeñora Núñez: buenas\n"
        let t = try TestFiles.load(try Self.windows1252(text), name: "names.txt")
        #expect(t.format == .speakerText)
        #expect(t.segments.map(\.speaker) == ["José", "Señora Núñez"])
        #expect(t.warningKinds.contains(.readAsWindows1252))
    }

    @Test func readsAWindows1252JSONFile() throws {
        let json = #"{"segments": [{"start": 0, "end": 1.5, "text": " Ça coûte 5 € “net”"}]}"#
        let bytes = try Self.windows1252(json)
        #expect(try Self.readAll(bytes) == String(decoding: bytes, as: UTF8.self))  // as it is, at first
        let t = try TestFiles.load(bytes, name: "cp1252.json")
        #expect(t.texts == ["Ça coûte 5 € “net”"])
        #expect(t.warnings == [LoadWarning(.readAsWindows1252, line: 1)])
        let decoded = try SourceFile(path: TestFiles.write(bytes, name: "again.json"), encoding: .windows1252).readAll()
        #expect(String(decoding: decoded, as: UTF8.self) == json)
    }

    /// Valid UTF-8 with one stray byte stays UTF-8: the byte is replaced and
    /// its line named.
    @Test func aStrayByteInUTF8IsReplacedOnItsLine() throws {
        let bytes =
            Array("1\n00:00:01,000 --> 00:00:02,000\ncafé\n\n2\n00:00:03,000 --> 00:00:04,000\nstray ".utf8) + [0xE9]
            + Array(" byte\n".utf8)
        let t = try TestFiles.load(bytes, name: "stray.srt")
        #expect(t.texts == ["café", "stray \u{FFFD} byte"])
        #expect(t.warnings == [LoadWarning(.invalidUTF8, line: 7)])
    }

    /// "Á" is C3 81, and 0x81 is undefined in Windows-1252: the look at the
    /// file goes on past that chunk to find the stray byte's line.
    @Test func aStrayByteAfterAnUndefinedOneIsReportedWithItsLine() throws {
        let cues = (0..<30_000).map { "\($0 + 1)\n00:00:01,000 --> 00:00:02,000\n\($0 == 0 ? "Ángel" : "cue \($0)")\n\n" }
        let before = cues.joined() + "30001\n00:00:03,000 --> 00:00:04,000\nx"
        #expect(before.utf8.count > SourceFile.chunkSize)
        let t = try TestFiles.load(Array(before.utf8) + [0x93, 0x0A], name: "undefined-first.srt")
        #expect(t.texts.first == "Ángel")
        #expect(t.texts.last == "x\u{FFFD}")
        #expect(
            t.warnings == [LoadWarning(.invalidUTF8, line: before.split(separator: "\n", omittingEmptySubsequences: false).count)]
        )
    }

    @Test func aStrayByteInUTF8JSONIsReportedWithItsLine() throws {
        let bytes =
            Array(
                "{\"segments\": [\n{\"start\": 0, \"end\": 1, \"text\": \"naïve\"},\n{\"start\": 1, \"end\": 2, \"text\": \"x"
                    .utf8)
            + [0x93] + Array("\"}]}\n".utf8)
        let t = try TestFiles.load(bytes, name: "stray.json")
        #expect(t.texts == ["naïve", "x\u{FFFD}"])
        #expect(t.warnings == [LoadWarning(.invalidUTF8, line: 3)])
    }

    /// A byte Windows-1252 leaves undefined: not Windows-1252.
    @Test func anUndefinedByteKeepsUTF8() throws {
        let bytes = Array("[00:00.000 --> 00:01.000]   caf".utf8) + [0xE9, 0x20, 0x81] + Array("\n".utf8)
        let t = try TestFiles.load(bytes, name: "undefined.txt")
        #expect(t.texts == ["caf\u{FFFD} \u{FFFD}"])
        #expect(t.warnings == [LoadWarning(.invalidUTF8, line: 1)])
    }

    /// A file that says it is UTF-8 by its mark is read as UTF-8.
    @Test func aUTF8MarkKeepsUTF8() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("[00:00.000 --> 00:01.000]   caf".utf8) + [0xE9] + Array("\n".utf8)
        let t = try TestFiles.load(bytes, name: "marked.txt")
        #expect(t.texts == ["caf\u{FFFD}"])
        #expect(t.warnings == [LoadWarning(.invalidUTF8, line: 1)])
    }

    // MARK: The evidence

    /// The rule, on counts: not UTF-8, all bytes defined, fewer than one
    /// valid multi-byte sequence for every ten invalid bytes.
    @Test func windows1252NeedsTenInvalidBytesForEachValidSequence() {
        func evidence(_ bytes: [UInt8]) -> EncodingEvidence { bytes.withUnsafeBufferPointer { EncodingEvidence($0) } }
        let ascii = Array("plain".utf8)
        #expect(!evidence(ascii).isWindows1252)
        #expect(evidence(ascii).isValidUTF8)
        #expect(evidence(ascii + [0xE9]).isWindows1252)
        let tenStray: [UInt8] = Array(repeating: [0xE9, 0x20], count: 10).flatMap { $0 }
        #expect(!evidence(Array("é".utf8) + tenStray).isWindows1252)
        #expect(evidence(Array("é".utf8) + tenStray + [0xE9]).isWindows1252)
        #expect(!evidence(ascii + [0xE9, 0x90]).isWindows1252)
        // An undefined byte inside a valid sequence counts too (U+0450 is D1 90).
        #expect(!evidence(Array("ѐ".utf8) + tenStray + tenStray).isWindows1252)
    }

    /// Fed in pieces cut anywhere, the evidence is that of the whole.
    @Test func evidenceInPiecesIsEvidenceWhole() {
        var generator = SeededGenerator(seed: 1252)
        let alphabet: [[UInt8]] = [[0x61], [0x0A], [0xE9], [0x93], [0x81], Array("é".utf8), Array("東".utf8), Array("👍".utf8)]
        for _ in 0..<300 {
            let count = Int.random(in: 0...40, using: &generator)
            let bytes = (0..<count).flatMap { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            let whole = bytes.withUnsafeBufferPointer { EncodingEvidence($0) }
            var pieces = EncodingEvidence()
            var pending: [UInt8] = []
            var rest = bytes[...]
            while true {
                let take = Int.random(in: 0...5, using: &generator)
                pending += rest.prefix(take)
                rest = rest.dropFirst(take)
                let final = rest.isEmpty
                let used = pending.withUnsafeBufferPointer { pieces.scan($0, isFinal: final) }
                pending.removeFirst(used)
                if final { break }
            }
            #expect(pieces.invalidBytes == whole.invalidBytes)
            #expect(pieces.multiByteSequences == whole.multiByteSequences)
            #expect(pieces.firstInvalid == whole.firstInvalid)
            #expect(pieces.firstNonASCII == whole.firstNonASCII)
            #expect(pieces.hasByteUndefinedInWindows1252 == whole.hasByteUndefinedInWindows1252)
        }
    }
}

extension SourceFile {
    /// Everything the stream gives, after any BOM, as UTF-8.
    func readAll() throws -> [UInt8] {
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while case let n = try chunk.withUnsafeMutableBytes({ try read(into: $0) }), n > 0 { all += chunk[..<n] }
        return all
    }
}
