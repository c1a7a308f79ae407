import HarkTOML
import HarkTestSupport
import Testing

struct TOMLValidDocumentTests {
    @Test func everyKindOfValue() throws {
        let table = try TOML.parse(
            """
            # a comment
            title = "TOML \\"quoted\\" \\u00e9 \\U0001F600\\ttab"
            literal = 'C:\\Users\\path'
            integers = [1, +2, -3, 1_000, 0xDEAD_beef, 0o755, 0b1101]
            floats = [1.5, -0.01, 5e+22, 1e6, -2E-2, 6.626e-34, 224_617.445_991, inf, -inf, nan]
            booleans = [true, false]
            dates = [1979-05-27T07:32:00Z, 1979-05-27T00:32:00.999-07:00, 1979-05-27 07:32:00, 1979-05-27, 07:32:00.5]
            nested = [[1, 2], ["a", 'b'], [], [ { x = 1 } ]]
            inline = { name = "x", point.y = 2 }
            "quoted key" = 1
            'literal key' = 2
            dotted.key.here = 3
            multi = \"\"\"
            Roses are red
            Violets are \\
                 blue\"\"\"
            raw = '''
            first line
            second ''line'' '''
            """)
        #expect(table["title"] == .string("TOML \"quoted\" é 😀\ttab"))
        #expect(table["literal"] == .string(#"C:\Users\path"#))
        #expect(table["integers"] == .array([1, 2, -3, 1000, 0xDEAD_BEEF, 0o755, 0b1101].map { .integer($0) }))
        let floats = try #require(table["floats"]?.array)
        #expect(floats.count == 10)
        #expect(floats[0] == .float(1.5) && floats[2] == .float(5e22) && floats[7] == .float(.infinity))
        #expect(table["booleans"] == .array([.boolean(true), .boolean(false)]))
        #expect(table["dates"]?.array?.count == 5)
        #expect(table["nested"]?.array?.count == 4)
        #expect(table["inline"]?.table?["point"]?.table?["y"] == .integer(2))
        #expect(table["quoted key"] == .integer(1) && table["literal key"] == .integer(2))
        #expect(table["dotted"]?.table?["key"]?.table?["here"] == .integer(3))
        #expect(table["multi"] == .string("Roses are red\nViolets are blue"))
        #expect(table["raw"] == .string("first line\nsecond ''line'' "))
    }

    @Test func tablesArraysOfTablesAndTheirLines() throws {
        let table = try TOML.parse(
            """
            [[topic]]
            name = "one"

            [[topic]]
            name = "two"
            keywords = ["a",
              "b", # a comment inside
            ]

            [a.b.c]
            x = 1
            [a]
            y = 2
            [a.b.d]
            z = 3
            """)
        let topics = try #require(table["topic"]?.array)
        #expect(topics.count == 2)
        #expect(topics[1].table?["keywords"] == .array([.string("a"), .string("b")]))
        #expect(topics[1].table?.line(of: "name") == 5)
        #expect(topics[1].table?.headerLine == 4)
        #expect(table["a"]?.table?["y"] == .integer(2))
        #expect(table["a"]?.table?["b"]?.table?["d"]?.table?["z"] == .integer(3))
        #expect(table.keys == ["topic", "a"])
    }

    @Test func windowsLineEndsAndABOM() throws {
        let table = try TOML.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("a = 1\r\n[b]\r\nc = 'x'\r\n".utf8))
        #expect(table["b"]?.table?["c"] == .string("x"))
        #expect(table["b"]?.table?.line(of: "c") == 3)
    }
}

struct TOMLInvalidDocumentTests {
    /// Each: a malformed document, the line its error names, and words the message has.
    @Test(arguments: [
        // The shapes that aborted hark inside toml++:
        ("[.topic]\nname = 1\n", 1, "expected a key"),
        ("a = 1\n[topic", 2, "expected ']'"),
        ("[[topic]\n", 1, "']]'"),
        ("[to pic]\n", 1, "expected ']'"),
        ("[tö]\n", 1, "found U+00F6"),
        ("a = [1,\u{2028}2]\n", 1, "U+2028"),
        ("a = [\"x\", \u{2028}]\n", 1, "U+2028"),
        // Others of the conformance suite's kinds:
        ("a = 1\na = 2\n", 2, "defined twice"),
        ("[a]\n[a]\n", 2, "defined twice"),
        ("a = 1\n[a]\n", 2, "already has a value"),
        ("[[a]]\n[a]\n", 2, "array of tables"),
        ("[a]\n[[a]]\n", 2, "already a table"),
        ("a = {b = 1}\n[a]\n", 2, "already has a value"),
        ("a = {b = 1}\na.c = 2\n", 2, "inline table"),
        ("a.b = 1\n[a]\n", 2, "defined twice"),
        ("[a.b]\nx = 1\n[a]\nb.y = 2\n", 4, "header"),
        ("a = \"\\q\"\n", 1, "not an escape"),
        ("a = \"\\u12\"\n", 1, "hexadecimal"),
        ("a = \"\\uD800\"\n", 1, "not a character"),
        ("a = \"open\n", 1, "not closed"),
        ("a = '''open\nmore\n", 1, "not closed"),
        ("a = \"\"\"open\n", 1, "not closed"),
        ("a = [1, 2\n", 1, "not closed"),
        ("a = {b = 1,\n c = 2}\n", 1, "one line"),
        ("a = {b = 1,}\n", 1, "expected a key"),
        ("a = 01\n", 1, "not a TOML value"),
        ("a = 1__0\n", 1, "not a TOML value"),
        ("a = _1\n", 1, "not a TOML value"),
        ("a = 1.\n", 1, "not a TOML value"),
        ("a = .5\n", 1, "not a TOML value"),
        ("a = +0x10\n", 1, "not a TOML value"),
        ("a = 99999999999999999999\n", 1, "not a TOML value"),
        ("a = 1979-02-30\n", 1, "not a TOML value"),
        ("a = 1979-05-27T25:00:00\n", 1, "not a TOML value"),
        ("a = truee\n", 1, "not a TOML value"),
        ("a = bare\n", 1, "not a TOML value"),
        ("a = 1 b = 2\n", 1, "end of the line"),
        ("a = \"x\u{1}\"\n", 1, "control character"),
        ("a = 1 # bell\u{7}\n", 1, "control character"),
        ("a = 1\rb = 2\n", 1, "carriage return"),
        ("= 1\n", 1, "expected a key"),
        ("a\n", 1, "expected '='"),
        ("a =\n", 1, "expected a value"),
        ("a = \"\"\"x\"\"\"\"\"\"\n", 1, "end of the line"),
    ])
    func isAnErrorOnItsLine(text: String, line: Int, words: String) {
        do {
            let table = try TOML.parse(text)
            Issue.record("parsed: \(table)")
        } catch {
            #expect(error.line == line, "\(error.message)")
            #expect(error.message.contains(words), "\(error.message)")
        }
    }

    @Test func invalidUTF8IsAnError() {
        #expect(throws: TOMLError.self) { try TOML.parse(bytes: Array("a = \"".utf8) + [0xFF, 0xFE] + Array("\"\n".utf8)) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        for opener in ["[", "{ a = "] {
            let text = "a = " + String(repeating: opener, count: 100_000)
            #expect(throws: TOMLError.self) { try TOML.parse(text) }
        }
    }

    /// A small fuzz in every test run: mutations of a valid document either
    /// parse or give an error, and never stop the process.
    @Test func mutatedDocumentsNeverCrash() {
        let seed = Array(
            """
            [[topic]]
            name = "MLOps \\u00e9"
            keywords = ["a*", 'b', \"\"\"c\nd\"\"\", 1_0, 1.5e3, 1979-05-27T07:32:00Z]
            inline = { x.y = [1, [2, {z = true}]] }
            [a.b]
            c = '''x'''
            """.utf8)
        let alphabet = Array("[]{}\"'=.,#\\\n\r\t 0_xe+-:TZu".utf8) + [0xE2, 0x80, 0xA8, 0x00, 0x7F, 0xC3, 0xA9]
        var generator = SeededGenerator(seed: 2026)
        for _ in 0..<20_000 {
            var bytes = seed
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let at = Int(generator.next() % UInt64(bytes.count + 1))
                switch generator.next() % 3 {
                case 0: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                default: if at < bytes.count { bytes[at] = alphabet[Int(generator.next() % UInt64(alphabet.count))] }
                }
            }
            _ = try? TOML.parse(bytes: bytes)
        }
    }
}
