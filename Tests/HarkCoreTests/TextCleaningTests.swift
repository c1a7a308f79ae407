import Testing

@testable import HarkCore

/// What every reader's text goes through on its way into the model.
struct TextCleaningTests {
    private func clean(_ bytes: [UInt8]) -> (String, TextCleaner.Findings) {
        var cleaner = TextCleaner()
        let out = ByteBuffer()
        cleaner.beginSegment()
        bytes.withUnsafeBufferPointer { cleaner.append($0, to: out) }
        cleaner.finishSegment()
        let text = out.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        return (text, cleaner.takeFindings())
    }

    @Test func collapsesAndTrimsSpaces() {
        #expect(clean(Array("  hello \t  world  ".utf8)).0 == "hello world")
        #expect(clean(Array("a\r\nb".utf8)).0 == "a b")
        #expect(clean(Array("clean text".utf8)).0 == "clean text")
    }

    @Test func removesEscapeAndOtherControlCharacters() {
        let (text, findings) = clean(Array("red \u{1B}[31malert\u{07}\u{7F}!".utf8))
        #expect(text == "red [31malert!")
        #expect(findings.control)
        #expect(!text.utf8.contains(0x1B))
    }

    @Test func removesC1ControlCharacters() {
        // U+009B is a one-character CSI in some terminals.
        let (text, findings) = clean([0x61, 0xC2, 0x9B, 0x33, 0x31, 0x6D, 0x62])
        #expect(text == "a31mb")
        #expect(findings.control)
    }

    @Test func replacesInvalidUTF8AndNUL() {
        let (text, findings) = clean([0x61, 0xFF, 0x62, 0x00, 0x63, 0xE2, 0x82])
        #expect(text == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect(findings.invalidUTF8)
        #expect(findings.nul)
    }

    @Test func rejectsOverlongAndSurrogateEncodings() {
        #expect(clean([0xC0, 0xAF]).0 == "\u{FFFD}\u{FFFD}")
        #expect(clean([0xED, 0xA0, 0x80]).0 == "\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(clean([0xE0, 0x80, 0xAF]).0 == "\u{FFFD}\u{FFFD}\u{FFFD}")
    }

    @Test func keepsValidUnicode() {
        let text = "café 東京 👍 e\u{301}"
        #expect(clean(Array(text.utf8)).0 == text)
    }

    @Test func noBreakSpaceIsASpace() {
        #expect(clean(Array("a\u{00A0}\u{00A0}b".utf8)).0 == "a b")
    }
}

struct EncodingAndLineEndTests {
    @Test func readsUTF8WithBOM() throws {
        let t = try TestFiles.load([0xEF, 0xBB, 0xBF] + Array("[00:00.000 --> 00:01.000]   Hi\n".utf8), name: "bom.txt")
        #expect(t.texts == ["Hi"])
        #expect(t.format == .whisperText)
    }

    @Test(arguments: [true, false])
    func readsUTF16WithBOM(bigEndian: Bool) throws {
        let text = "1\n00:00:01,000 --> 00:00:02,000\nÇa va? 東京\n"
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let t = try TestFiles.load(bytes, name: "utf16.srt")
        #expect(t.texts == ["Ça va? 東京"])
    }

    @Test func readsUTF16WithoutBOM() throws {
        let bytes = "1\n00:00:01,000 --> 00:00:02,000\nhello\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try TestFiles.load(bytes, name: "nobom.srt").texts == ["hello"])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func readsEveryLineEnd(lineEnd: String) throws {
        let text = ["1", "00:00:01,000 --> 00:00:02,000", "one", "", "2", "00:00:03,000 --> 00:00:04,000", "two", ""]
            .joined(separator: lineEnd)
        let t = try TestFiles.load(text, name: "ends.srt")
        #expect(t.texts == ["one", "two"])
        #expect(t.segments.map(\.line) == [2, 6])
    }

    @Test func readsMixedLineEnds() throws {
        let text = "1\r\n00:00:01,000 --> 00:00:02,000\rone\n\r\n2\n00:00:03,000 --> 00:00:04,000\r\ntwo"
        let t = try TestFiles.load(text, name: "mixed.srt")
        #expect(t.texts == ["one", "two"])
    }

    /// A CR LF split across two reads is one line end, not two.
    @Test func splitsLinesAcrossChunkBoundaries() {
        var splitter = LineSplitter()
        var lines: [String] = []
        let chunks: [[UInt8]] = [Array("ab\r".utf8), Array("\ncd\r".utf8), Array("\r\nef".utf8)]
        var pending: [UInt8] = []
        for (k, chunk) in chunks.enumerated() {
            pending += chunk
            let used = pending.withUnsafeBufferPointer { buffer in
                splitter.split(buffer, isFinal: k == chunks.count - 1) { line, _ in lines.append(line.string) }
            }
            pending.removeFirst(used)
        }
        #expect(lines == ["ab", "cd", "", "ef"])
    }

    /// 0x81 is no character in Windows-1252 either (see EncodingTests).
    @Test func invalidUTF8InAFileIsReplacedAndReported() throws {
        let bytes = Array("[00:00.000 --> 00:01.000]   bad ".utf8) + [0xFF, 0x81] + Array(" byte\n".utf8)
        let t = try TestFiles.load(bytes, name: "bad.txt")
        #expect(t.texts == ["bad \u{FFFD}\u{FFFD} byte"])
        #expect(t.warnings == [LoadWarning(.invalidUTF8, line: 1)])
    }
}
