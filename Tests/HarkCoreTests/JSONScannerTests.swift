import HarkTestSupport
import Testing

@testable import HarkCore

/// The pull scanner under the JSON readers: it reads what is asked, skips
/// the rest unbuilt, and turns any malformed input into one error.
struct JSONScannerTests {
    @Test func readsScalarsAndSkipsWhatIsNotAsked() throws {
        var scanner = JSONScanner(
            Array(#"{"a": "x\"\u00e9\ud83d\ude00\n", "skip": [1, {"b": [true, null, -1.5e3]}, "s"], "n": -0.25, "t": true}"#.utf8)
        )
        var seen: [String: JSONScanner.Scalar] = [:]
        try scanner.members { scanner, key throws(JSONScanner.Failure) in
            if key == "skip" { try scanner.skip() } else { seen[key.description] = try scanner.scalar() }
        }
        try scanner.end()
        #expect(seen == ["a": .string("x\"é😀\n"), "n": .number(-0.25), "t": .boolean(true)])
    }

    @Test func aLoneSurrogateBecomesAReplacementCharacter() throws {
        var scanner = JSONScanner(Array(#""a\ud800b""#.utf8))
        #expect(try scanner.string() == "a\u{FFFD}b")
    }

    @Test(arguments: [
        #"{"a": }"#, #"{"a" 1}"#, #"[1, 2"#, #"[01]"#, #"[1.]"#, #"["\x"]"#, "[\"a\u{1}\"]", #"{"a": tru}"#, #"[1] 2"#,
        #"{a: 1}"#,
    ])
    func malformedInputIsAnError(text: String) {
        var scanner = JSONScanner(Array(text.utf8))
        #expect(throws: JSONScanner.Failure.self) {
            try scanner.skip()
            try scanner.end()
        }
    }

    @Test func deepNestingIsSkippedWithoutRecursion() throws {
        let depth = 200_000
        var scanner = JSONScanner(Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8))
        try scanner.skip()
        try scanner.end()
        var unclosed = JSONScanner(Array(String(repeating: "[{\"a\":", count: depth).utf8))
        #expect(throws: JSONScanner.Failure.self) { try unclosed.skip() }
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func readsTheSameAcrossAnyWindowSize(windowSize: Int) throws {
        let text = #"{"a": "x\"\u00e9\ud83d\ude00\n", "skip": [1, {"b": [true, null, -1.5e3, "\\"]}], "n": -0.25, "t": true}"#
        var whole = JSONScanner(Array(text.utf8))
        var windowed = JSONScanner(Array(text.utf8), windowSize: windowSize)
        func read(_ scanner: inout JSONScanner) throws -> [String: JSONScanner.Scalar] {
            var seen: [String: JSONScanner.Scalar] = [:]
            try scanner.members { scanner, key throws(JSONScanner.Failure) in seen[key.description] = try scanner.scalar() }
            try scanner.end()
            return seen
        }
        let expected = try read(&whole)
        #expect(expected["a"] == .string("x\"é😀\n"))
        #expect(try read(&windowed) == expected)
    }

    /// Arrays of numbers are skipped in one loop when they are in the
    /// window: random arrays of valid and broken numbers skip as the
    /// general path skips them (a window of one byte never holds one).
    @Test func arraysOfNumbersSkipAsTheGeneralPathSkipsThem() {
        var random = SeededGenerator(seed: 11)
        let pieces = [
            "0", "7", "42", "-3", "1.5", "-0.25", "1e5", "2E-3", "6.02e+23", "01", "1.", "-", "1e", ".5", "+1", "--1", "0x1",
        ]
        let separators = [", ", ",", " , ", ",\n", " ", ",,", ""]
        func outcome(_ text: String, windowSize: Int) -> String {
            var scanner = JSONScanner(Array(text.utf8), windowSize: windowSize)
            do {
                try scanner.skip()
                return "after: \(String(describing: try scanner.scalar()))"
            } catch {
                return "\(error.message) at \(error.line)"
            }
        }
        for _ in 0..<2_000 {
            var text = "["
            for k in 0..<Int.random(in: 0...6, using: &random) {
                if k > 0 { text += Int.random(in: 0..<8, using: &random) > 0 ? ", " : separators.randomElement(using: &random)! }
                text +=
                    Int.random(in: 0..<4, using: &random) > 0
                    ? pieces[Int.random(in: 0...8, using: &random)] : pieces.randomElement(using: &random)!
            }
            text += Int.random(in: 0..<10, using: &random) > 0 ? "] 5" : " 5"
            #expect(outcome(text, windowSize: 1 << 16) == outcome(text, windowSize: 1), "\(text)")
        }
    }

    @Test func numbersAreTheNearestDoubles() throws {
        for text in ["0", "-0.25", "7.6000000000000005", "1234.567", "0.001", "1e3", "-1.5E-7", "123456789012345678", "0.1"] {
            var scanner = JSONScanner(Array(text.utf8))
            #expect(try scanner.number() == Double(text)!, "\(text)")
        }
    }

    @Test func errorsSayTheLine() throws {
        let path = TestFiles.write("{\n  \"segments\": [\n    {\"start\": 0,, \"text\": \"x\"}\n  ]\n}\n", name: "bad.json")
        #expect(throws: LoadError(path: path, reason: "not valid JSON: expected a key in quotes, found ',' (line 3)")) {
            try TranscriptLoader.load(path: path)
        }
    }
}
