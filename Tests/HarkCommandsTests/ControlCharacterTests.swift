import Foundation
import HarkCore
import Testing

@testable import HarkCommands

/// No byte from a file or a file name (speaker labels, file names, quoted bytes) reaches stdout or stderr as a control
/// character (C0 other than newline and tab, DEL, C1), whatever the command.
struct NameAndMessageEscapingTests {
    static let escape = "\u{1B}[2J\u{07}\u{9B}31m"

    /// Transcripts whose speaker names carry escape sequences, each in its own format's way.
    static let files: [String] = [
        Files.write(
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Eve&#27;[2J>Hello there.\n\n00:00:02.000 --> 00:00:03.000\n<v Ann\u{1B}]0;pwned\u{07}>Hi.\n",
            name: "voices.vtt"),
        Files.write(
            #"{"segments": [{"start": 0, "end": 1, "speaker": "\u001b[31mRed\u009b", "text": "Hello."}, {"start": 1, "end": 2, "speaker": "\u0007", "text": "Bell."}]}"#,
            name: "speakers.json"),
        Files.write("Speaker 1\u{1B}[2J (00:00):\nHello there.\n\nSpeaker 2 (00:05):\nHi.\n", name: "labels.txt"),
        // The file name itself carries the escape, and a newline.
        Files.write(
            "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:00:99,000 --> 00:00:03,000\nBad cue.\n",
            name: "evil\(escape)\nname.srt"),
    ]

    private func expectClean(_ run: CommandRun, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for (stream, text) in [("stdout", run.output), ("stderr", run.errors.joined(separator: "\n"))] {
            let bad = text.unicodeScalars.filter { Escaped.isControl($0) && $0 != "\n" && $0 != "\t" }
            #expect(
                bad.isEmpty, "\(what): \(stream) has \(bad.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: files)
    func everyCommandKeepsControlCharactersOut(path: String) {
        expectClean(
            CommandRun { HarkCommands.info(paths: [path], format: nil, json: false, quiet: false, output: $0, report: $1) },
            "info")
        for format in ExportFormat.allCases {
            expectClean(
                CommandRun { HarkCommands.export(path: path, format: nil, to: format, quiet: false, output: $0, report: $1) },
                "export --to \(format)")
        }
        expectClean(
            CommandRun { HarkCommands.search(pattern: "h", paths: [path, path], options: .init(), output: $0, report: $1) },
            "search with two files")
        expectClean(
            CommandRun {
                var options = HarkCommands.SearchOptions()
                options.count = true
                return HarkCommands.search(pattern: "h", paths: [path, path], options: options, output: $0, report: $1)
            }, "search --count")
        expectClean(CommandRun { HarkCommands.topics(path: path, options: .init(), output: $0, report: $1) }, "topics")
        expectClean(
            CommandRun { HarkCommands.chapters(path: path, json: false, quiet: false, format: nil, output: $0, report: $1) },
            "chapters")
    }

    @Test func speakerNamesLoseTheirControlCharacters() throws {
        let voices = try TranscriptLoader.load(path: Self.files[0])
        #expect(voices.speakers == ["Eve[2J", "Ann]0;pwned"])
        #expect(voices.warnings.contains { $0.kind == .controlCharacters })
        let json = try TranscriptLoader.load(path: Self.files[1])
        #expect(json.speakers == ["[31mRed"])  // and the name that was only a BEL is no name
        #expect(json.speaker(of: 1) == nil)
    }

    @Test func aFileNameIsShownEscapedAsLsShowsIt() {
        #expect(Escaped.name("talk.srt") == "talk.srt")
        #expect(Escaped.name("a\u{1B}[2J\nb's.srt") == #"$'a\033[2J\nb\'s.srt'"#)
        #expect(Escaped.name("x\u{9B}y") == #"$'x\302\233y'"#)
        let missing = CommandRun {
            HarkCommands.info(paths: ["no\u{1B}[2Jfile.srt"], format: nil, json: false, quiet: false, output: $0, report: $1)
        }
        #expect(missing.errors == [#"hark: $'no\033[2Jfile.srt': no such file"#])
    }

    @Test func aMessageQuotingAFileShowsItsControlCharacters() {
        #expect(Escaped.message("bad byte \u{1B} here\tok") == "bad byte \\x1B here\tok")
        #expect(LoadError(path: "a.json", reason: "unexpected \u{9B}", line: 3).description == "a.json:3: unexpected \\x9B")
    }
}
