import HarkTOML
import HarkTestSupport
import Testing

struct TOMLWriterTests {
    func readBack(_ written: String) throws -> TOMLValue? {
        try TOML.parse("k = \(written)\n")["k"]
    }

    @Test(arguments: NastyStrings.examples)
    func aStringReadsBackAsItWas(text: String) throws {
        let written = TOMLWriter.string(text)
        #expect(try readBack(written) == .string(text), "\(written)")
        // Nothing in the file is a control character a terminal would act on, nor a line end.
        #expect(!written.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(written)")
    }

    @Test func randomStringsReadBack() throws {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<3000 {
            let text = NastyStrings.random(&generator, length: 8)
            #expect(try readBack(TOMLWriter.string(text)) == .string(text), "\(text.debugDescription)")
        }
    }

    @Test func keysAreBareOnlyWhenTOMLAllowsIt() throws {
        #expect(TOMLWriter.key("SPEAKER_00") == "SPEAKER_00")
        #expect(TOMLWriter.key("speaker-1") == "speaker-1")
        #expect(TOMLWriter.key("Speaker 1") == "\"Speaker 1\"")
        #expect(TOMLWriter.key("Dr. Smith") == "\"Dr. Smith\"")
        #expect(TOMLWriter.key("") == "\"\"")
        for key in NastyStrings.examples + ["SPEAKER_00", "Speaker 1", "Zoë"] {
            let table = try TOML.parse("\(TOMLWriter.key(key)) = 1\n")
            #expect(table.keys == [key], "\(key.debugDescription)")
        }
    }
}

struct TOMLDocumentTests {
    @Test func statementsSayWhereEachHeaderAndValueIs() throws {
        let text = """
            # top
            title = "x"  # comment
            [speakers]
            SPEAKER_00 = "Sarah"
            [[mark]]
            note = \"\"\"
            two
            lines\"\"\"
            a.b = { c = 1 }

            """
        let bytes = Array(text.utf8)
        let document = try TOML.parseDocument(bytes: bytes)
        func slice(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        let shown = document.statements.map { statement -> String in
            switch statement.kind {
            case .header(let path, let isArray): "\(statement.line) header \(path) \(isArray) \(slice(statement.range))"
            case .keyValue(let key, let value): "\(statement.line) \(key) = \(slice(value)) | \(slice(statement.range))"
            }
        }
        #expect(
            shown == [
                "2 [\"title\"] = \"x\" | title = \"x\"",
                "3 header [\"speakers\"] false [speakers]",
                "4 [\"SPEAKER_00\"] = \"Sarah\" | SPEAKER_00 = \"Sarah\"",
                "5 header [\"mark\"] true [[mark]]",
                "6 [\"note\"] = \"\"\"\ntwo\nlines\"\"\" | note = \"\"\"\ntwo\nlines\"\"\"",
                "9 [\"a\", \"b\"] = { c = 1 } | a.b = { c = 1 }",
            ])
        #expect(document.table == (try TOML.parse(text)))
    }

    @Test func offsetsCountTheByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a = 1\n".utf8)
        let document = try TOML.parseDocument(bytes: bytes)
        #expect(document.statements.map(\.kind) == [.keyValue(key: ["a"], value: 7..<8)])
        #expect(document.statements.map(\.range) == [3..<8])
    }
}
