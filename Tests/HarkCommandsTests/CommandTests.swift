import Foundation
import HarkCore
import Testing

@testable import HarkCommands

/// Runs a command into strings: stdout, the stderr lines, the exit status.
struct CommandRun {
    var output = ""
    var errors: [String] = []
    var status: Int32 = 0

    init(colors: Bool = false, _ body: (OutputSink, (String) -> Void) -> Int32) {
        let sink = StringSink()
        var errors: [String] = []
        status = body(sink.sink(colors: colors)) { errors.append($0) }
        output = sink.text
        self.errors = errors
    }
}

enum Files {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hark-command-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func write(_ text: String, name: String) -> String {
        let path = folder.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    static var sample: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("sample-data/gradient-dissent-sarah-catanzaro.whisper.txt").path
    }
}

struct SearchCommandTests {
    let talk = Files.write(
        """
        1
        00:00:01,000 --> 00:00:02,500
        We trained a large language

        2
        00:00:02,500 --> 00:00:04,000
        model, then another language model.
        """, name: "talk.srt")
    let other = Files.write("[00:00:00.000 --> 00:00:01.000]   No match here.\n", name: "other.txt")

    @Test func printsOneLinePerSegmentWithTheTimeWhereItsFirstMatchStarts() {
        let run = CommandRun { out, report in
            HarkCommands.search(pattern: "language model", paths: [talk], options: .init(), output: out, report: report)
        }
        #expect(run.status == 0)
        // The first match straddles into the second segment, whose own match joins the same line.
        #expect(run.output == "0:00:01.000: We trained a large language model, then another language model.\n")
        let colored = CommandRun(colors: true) { out, report in
            HarkCommands.search(pattern: "language model", paths: [talk], options: .init(), output: out, report: report)
        }
        #expect(colored.output.components(separatedBy: "\u{1B}[1;31mlanguage model\u{1B}[0m").count == 3)
    }

    @Test func twoMatchesInOneSegmentAreOneLineWithBothHighlighted() {
        let file = Files.write(
            "[00:00:00.000 --> 00:00:01.000]   A model and a model.\n[00:00:01.000 --> 00:00:02.000]   One model.\n",
            name: "two-in-one.whisper.txt")
        let run = CommandRun(colors: true) { out, report in
            HarkCommands.search(pattern: "model", paths: [file], options: .init(), output: out, report: report)
        }
        let model = "\u{1B}[1;31mmodel\u{1B}[0m"
        #expect(
            run.output == """
                \u{1B}[32m0:00:00.000\u{1B}[0m: A \(model) and a \(model).
                \u{1B}[32m0:00:01.000\u{1B}[0m: One \(model).

                """)
        var options = HarkCommands.SearchOptions()
        options.count = true
        let count = CommandRun { HarkCommands.search(pattern: "model", paths: [file], options: options, output: $0, report: $1) }
        #expect(count.output == "3\n")
        options = HarkCommands.SearchOptions()
        options.json = true
        let json = CommandRun { HarkCommands.search(pattern: "model", paths: [file], options: options, output: $0, report: $1) }
        #expect(json.output.split(separator: "\n").count == 3)
    }

    /// Found by fuzzing: an SRT file with NULs and a run of 0xCB bytes (read
    /// as Windows-1252 `Ë`, which folds to `e`) gave matches of `e` that
    /// overlap, and printing their line crashed on a backward range.
    @Test func overlappingMatchesPrintOneLineWithoutCrashing() {
        let bytes: [UInt8] = [
            0x31, 0x0A, 0x30, 0x30, 0x3A, 0x30, 0x30, 0x3A, 0x30, 0x31, 0x2C, 0x30, 0x30, 0x30, 0x20, 0x2D, 0x2D, 0x3E, 0x20,
            0x30, 0x30, 0x3A, 0x30, 0x30, 0x2E, 0x73, 0x72, 0x74, 0x3A, 0x30, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x0A, 0x00,
            0x00, 0x00, 0x53, 0x00, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00, 0x72, 0x00, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00, 0x68,
            0x00, 0x00, 0x00, 0x3A, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x75, 0x00, 0x00, 0x00, 0x6E, 0x32, 0x2C, 0x35,
            0x30, 0x30, 0x0A, 0x30, 0x61, 0x72, 0x61, 0x68, 0x3A, 0x20, 0x57, 0x65, 0x20, 0x74, 0x72, 0x61, 0x69, 0x6E, 0x65,
            0x64, 0x20, 0x61, 0x20, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x63, 0x00, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00,
            0x66, 0x00, 0x00, 0x00, 0xE9, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x1C, 0x20, 0x00, 0x6C, 0x61, 0x72, 0x67,
            0x65, 0x20, 0x6C, 0x61, 0x6E, 0x67, 0x75, 0x61, 0x67, 0x65, 0x0A, 0x35, 0x30, 0x30, 0x20, 0x2D, 0x2D, 0x3E, 0x20,
            0x30, 0x30, 0x3A, 0x30, 0x30, 0x3A, 0x30, 0x34, 0x2C, 0x30, 0x30, 0x30, 0x0A, 0x3E, 0x3E, 0x20, 0x6D, 0x6F, 0x64,
            0x65, 0x6C, 0x2C, 0x20, 0x00, 0x6E, 0x00, 0x00, 0x00, 0x6F, 0x00, 0x00, 0x00, 0x69, 0x74, 0x68, 0x65, 0x6E, 0x20,
            0x30, 0x5D, 0x20, 0x20, 0x20, 0x3E, 0x3E, 0x20, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB,
            0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB,
            0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB,
            0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB,
            0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB,
            0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB,
            0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0xCB, 0x49, 0x20, 0x74, 0x68, 0x69,
            0x65, 0x3C, 0x2F, 0x69, 0x3E, 0x2E, 0x00, 0x00, 0x32, 0x00, 0x72, 0x00, 0x00, 0x00, 0x1D, 0x20, 0x00, 0x00, 0x20,
            0x00, 0x00, 0x00, 0xE0, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x32, 0x00, 0x00, 0x00, 0xAC, 0x20, 0x00, 0x0A,
            0x26, 0x00, 0x00, 0x20, 0x00, 0x00, 0x20,
        ]
        let file = Files.write("", name: "fuzz-overlap.srt")
        _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
        let run = CommandRun { HarkCommands.search(pattern: "e", paths: [file], options: .init(), output: $0, report: $1) }
        #expect(run.status == 0)
        #expect(!run.output.isEmpty)
    }

    @Test func namesTheFileWhenSeveralAreSearched() {
        let run = CommandRun { out, report in
            HarkCommands.search(pattern: "LARGE", paths: [talk, other], options: .init(), output: out, report: report)
        }
        #expect(run.output == "")
        let found = CommandRun { out, report in
            HarkCommands.search(pattern: "large", paths: [other, talk], options: .init(), output: out, report: report)
        }
        #expect(found.output == "\(talk):0:00:01.000: We trained a large language\n")
    }

    @Test func countsPerFile() {
        var options = HarkCommands.SearchOptions()
        options.count = true
        let one = CommandRun { out, report in
            HarkCommands.search(pattern: "language model", paths: [talk], options: options, output: out, report: report)
        }
        #expect(one.output == "2\n")
        let two = CommandRun { out, report in
            HarkCommands.search(pattern: "language model", paths: [talk, other], options: options, output: out, report: report)
        }
        #expect(two.output == "\(talk):2\n\(other):0\n")
    }

    @Test func printsJSONLines() throws {
        var options = HarkCommands.SearchOptions()
        options.json = true
        let run = CommandRun { out, report in
            HarkCommands.search(pattern: "large", paths: [talk], options: options, output: out, report: report)
        }
        let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as! [String: Any]
        #expect(object["segment"] as? Int == 0)
        #expect(object["start"] as? Double == 1.0)
        #expect(object["match"] as? String == "large")
        #expect(object["file"] as? String == talk)
    }

    @Test func highlightsMatchesOnATerminal() {
        let run = CommandRun(colors: true) { out, report in
            HarkCommands.search(pattern: "large", paths: [talk], options: .init(), output: out, report: report)
        }
        #expect(run.output == "\u{1B}[32m0:00:01.000\u{1B}[0m: We trained a \u{1B}[1;31mlarge\u{1B}[0m language\n")
    }

    @Test func aMissingFileIsReportedAndTheOthersAreStillSearched() {
        let run = CommandRun { out, report in
            HarkCommands.search(
                pattern: "match", paths: ["/nonexistent.srt", other], options: .init(), output: out, report: report)
        }
        #expect(run.status == 2)
        #expect(run.errors == ["hark: /nonexistent.srt: no such file"])
        #expect(run.output == "\(other):0:00:00.000: No match here.\n")
    }
}

struct InfoAndExportCommandTests {
    @Test func infoDescribesTheSample() {
        let run = CommandRun { out, report in
            HarkCommands.info(paths: [Files.sample], format: nil, json: false, quiet: false, output: out, report: report)
        }
        #expect(
            run.output == """
                \(Files.sample)
                  format    whisper-text (whisper console text)
                  duration  1:16:22.520
                  segments  925
                  words     10227
                  speakers  none named; 6 unnamed changes of speaker
                  warnings  none

                """)
    }

    @Test func infoAsJSON() throws {
        let run = CommandRun { out, report in
            HarkCommands.info(paths: [Files.sample], format: nil, json: true, quiet: false, output: out, report: report)
        }
        let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as! [String: Any]
        #expect(object["format"] as? String == "whisper-text")
        #expect(object["duration"] as? Double == 4582.52)
        #expect(object["segments"] as? Int == 925)
        #expect(object["speaker_changes"] as? Int == 6)
    }

    @Test func warningsAreSummarisedOnStderrUnlessQuiet() {
        var lines = (0..<20).map { "log line \($0)" }
        lines.append("[00:00:00.000 --> 00:00:01.000]   Hello.")
        let path = Files.write(lines.joined(separator: "\n"), name: "logs.txt")
        let run = CommandRun { out, report in
            HarkCommands.export(path: path, format: nil, to: .txt, quiet: false, output: out, report: report)
        }
        #expect(run.errors == ["\(path):1: warning: line is not a segment; skipped (+19 more)"])
        #expect(run.output == "[0:00:00]\nHello.\n\n")
        let quiet = CommandRun { out, report in
            HarkCommands.export(path: path, format: nil, to: .txt, quiet: true, output: out, report: report)
        }
        #expect(quiet.errors.isEmpty)
    }

    @Test func unreadableFilesFailWithOneLine() {
        let run = CommandRun { out, report in
            HarkCommands.info(
                paths: [Files.write("", name: "empty.vtt")], format: nil, json: false, quiet: false, output: out, report: report)
        }
        #expect(run.status == 1)
        #expect(run.errors.count == 1)
        #expect(run.errors[0].hasSuffix("empty.vtt: the file is empty"))
    }

    @Test func noColourWithNO_COLOR() {
        #expect(!OutputSink.standardOutput(environment: ["NO_COLOR": "1"]).colors)
    }
}

/// A transcript must never be able to send an escape sequence to the
/// terminal, whichever command prints it.
struct ControlCharacterTests {
    static let hostile =
        "1\n00:00:01,000 --> 00:00:02,000\nESC:\u{1B}]0;pwned\u{07} CSI:\u{1B}[2J C1:\u{9B}31m BS:\u{08} NUL:\u{0} DEL:\u{7F} danger\n"

    static func isSafe(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            scalar == "\n" || !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
        }
    }

    @Test(arguments: ExportFormat.allCases)
    func exportsAreClean(format: ExportFormat) {
        let path = Files.write(Self.hostile, name: "hostile-\(format).srt")
        let run = CommandRun { out, report in
            HarkCommands.export(path: path, format: nil, to: format, quiet: false, output: out, report: report)
        }
        #expect(run.output.contains("danger"))
        #expect(Self.isSafe(run.output))
        #expect(run.errors.allSatisfy(Self.isSafe))
    }

    @Test func searchAndInfoAreClean() {
        let path = Files.write(Self.hostile, name: "hostile-search.srt")
        let search = CommandRun { out, report in
            HarkCommands.search(pattern: "danger", paths: [path], options: .init(), output: out, report: report)
        }
        #expect(search.output.contains("danger"))
        #expect(Self.isSafe(search.output))
        var json = HarkCommands.SearchOptions()
        json.json = true
        let jsonSearch = CommandRun { out, report in
            HarkCommands.search(pattern: "danger", paths: [path], options: json, output: out, report: report)
        }
        #expect(Self.isSafe(jsonSearch.output))
        let info = CommandRun { out, report in
            HarkCommands.info(paths: [path], format: nil, json: false, quiet: false, output: out, report: report)
        }
        #expect(Self.isSafe(info.output) && info.errors.allSatisfy(Self.isSafe))
    }
}

/// Patterns and segments that once crashed `hark search` or made it print without bound.
struct SearchRobustnessTests {
    let talk = Files.write(
        "[00:00:00.000 --> 00:00:01.000]   One two.\n[00:00:01.000 --> 00:00:02.000]   Three four.\n", name: "spaces.whisper.txt")

    @Test(arguments: [" ", "\t", "  ", " t"])
    func aPatternOfWhitespaceDoesNotCrash(pattern: String) {
        let run = CommandRun { out, report in
            HarkCommands.search(pattern: pattern, paths: [talk], options: .init(), output: out, report: report)
        }
        #expect(run.status == 0)
        #expect(run.errors.isEmpty)
        // Every line is a time and text; a space between the segments is found at the first.
        for line in run.output.split(separator: "\n") { #expect(line.hasPrefix("0:00:0")) }
    }

    @Test func anEmptyPatternIsAnErrorWithAMessage() {
        let run = CommandRun { out, report in
            HarkCommands.search(pattern: "", paths: [talk], options: .init(), output: out, report: report)
        }
        #expect(run.status == 2)
        #expect(run.errors == ["hark: search: the pattern is empty; give the text to find"])
        #expect(run.output.isEmpty)
    }

    let twoNeedles = Files.write(
        "[00:00:00.000 --> 00:00:01.000]   needle " + String(repeating: "word ", count: 1_000) + "needle\n",
        name: "two-needles.whisper.txt")

    @Test func aLongSegmentIsCutAroundEachMatch() {
        let long = String(repeating: "word ", count: 20_000) + "needle " + String(repeating: "word ", count: 20_000)
        let file = Files.write("[00:00:00.000 --> 00:00:01.000]   \(long)\n", name: "long.whisper.txt")
        let run = CommandRun { out, report in
            HarkCommands.search(pattern: "needle", paths: [file], options: .init(), output: out, report: report)
        }
        #expect(run.output.hasPrefix("0:00:00.000: …word"))
        #expect(run.output.hasSuffix("word…\n"))
        #expect(run.output.utf8.count < 2 * SearchPrinter.contextBytes + 40)
        // A pattern matching everywhere gives the segment once, not once for each match.
        let every = CommandRun { out, report in
            HarkCommands.search(pattern: "word", paths: [file], options: .init(), output: out, report: report)
        }
        #expect(every.output.split(separator: "\n").count == 1)
        #expect(every.output.utf8.count < long.utf8.count + 40)
        // Matches far apart in one segment: the middle between them is left out.
        let two = CommandRun { out, report in
            HarkCommands.search(pattern: "needle", paths: [twoNeedles], options: .init(), output: out, report: report)
        }
        #expect(two.output.split(separator: "\n").count == 1)
        #expect(two.output.contains("needle word") && two.output.contains("word needle"))
        #expect(two.output.utf8.count < 4 * SearchPrinter.contextBytes + 60)
    }
}

struct PipedTextTests {
    @Test func severalFilesAreEachHeadedByTheirName() {
        let a = Files.write("WEBVTT\n\n00:00.000 --> 00:02.000\nFirst file.\n", name: "a.vtt")
        let b = Files.write("1\n00:00:00,000 --> 00:00:02,000\nSecond file.\n", name: "b.srt")
        let missing = Files.folder.appendingPathComponent("missing.vtt").path
        let run = CommandRun { HarkCommands.printText(paths: [a, missing, b], format: nil, output: $0, report: $1) }
        #expect(run.status == 1)
        #expect(run.output == "==> \(a) <==\n\n[0:00:00]\nFirst file.\n\n==> \(b) <==\n\n[0:00:00]\nSecond file.\n\n")
        #expect(run.errors.count == 1 && run.errors[0].contains("missing.vtt"))
        let one = CommandRun { HarkCommands.printText(paths: [a], format: nil, output: $0, report: $1) }
        #expect(one.output == "[0:00:00]\nFirst file.\n\n")
    }
}

struct EmptyCueInfoTests {
    @Test func infoSaysHowManyCuesHaveNoText() throws {
        let path = Files.write(
            "WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n\n00:01.000 --> 00:02.000\n\n00:02.000 --> 00:03.000\n<i></i>\n",
            name: "empty-cues.vtt")
        let text = CommandRun { HarkCommands.info(paths: [path], format: nil, json: false, quiet: true, output: $0, report: $1) }
        #expect(text.output.contains("\n  segments  3 (2 without text)\n"))
        let json = CommandRun { HarkCommands.info(paths: [path], format: nil, json: true, quiet: true, output: $0, report: $1) }
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(object?["segments_without_text"] as? Int == 2)
        let sample = CommandRun {
            HarkCommands.info(paths: [Files.sample], format: nil, json: false, quiet: true, output: $0, report: $1)
        }
        #expect(sample.output.contains("\n  segments  925\n"))
    }
}
