import Foundation
import HarkCore
import Testing

@testable import HarkCommands

/// Commands on a file whose times are partly estimated: they work as on any
/// other, and say `~` where a time is an estimate.
struct EstimatedTimeCommandTests {
    let episode = Files.write(
        """
        **Ann Lee:** We trained a large language model last year.

        **Bob:** \\[00:01:00\\] And then another language model.

        A second paragraph of mine about models.

        """, name: "episode.md")

    var transcript: Transcript { get throws { try TranscriptLoader.load(path: episode) } }

    @Test func searchMarksEstimatedTimes() throws {
        let run = CommandRun { out, report in
            HarkCommands.search(pattern: "language model", paths: [episode], options: .init(), output: out, report: report)
        }
        let t = try transcript
        #expect(
            run.output == """
                ~\(TimeFormat.clock(t.start(of: 0))): We trained a large language model last year.
                0:01:00.000: And then another language model.

                """)
        var options = HarkCommands.SearchOptions()
        options.json = true
        let json = CommandRun { out, report in
            HarkCommands.search(pattern: "model", paths: [episode], options: options, output: out, report: report)
        }
        let objects = try json.output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["estimated"] as? Bool } == [true, nil, true])
    }

    @Test func infoSaysHowManyTimesAreEstimated() throws {
        let run = CommandRun { out, report in
            HarkCommands.info(paths: [episode], format: nil, json: false, quiet: true, output: out, report: report)
        }
        let t = try transcript
        #expect(run.output.contains("  format    markdown (edited Markdown transcript)\n"))
        #expect(run.output.contains("  duration  ~\(TimeFormat.clock(t.duration))\n"))
        #expect(run.output.contains("  segments  3\n  times     estimated for 2 of 3 segments\n"))
        let json = CommandRun { out, report in
            HarkCommands.info(paths: [episode], format: nil, json: true, quiet: true, output: out, report: report)
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["estimated_segments"] as? Int == 2)
    }

    @Test func infoOnAFileWithEveryTimeSaysNothingOfEstimates() {
        let run = CommandRun { out, report in
            HarkCommands.info(paths: [Files.sample], format: nil, json: false, quiet: true, output: out, report: report)
        }
        #expect(!run.output.contains("times"))
        #expect(!run.output.contains("~"))
    }

    @Test func warningsSayHowManyTimesAreEstimated() {
        let run = CommandRun { out, report in
            HarkCommands.export(path: episode, format: nil, to: .txt, quiet: false, output: out, report: report)
        }
        #expect(run.errors == ["\(episode): warning: \(LoadWarning.Kind.estimatedTimes.rawValue) (2 of 3 segments)"])
        #expect(run.output.hasPrefix("[~0:00:"))
        #expect(run.output.contains("[0:01:00] Bob:\n"))
    }

    @Test func chaptersAndTopicsRunOnEstimatedTimes() {
        let chapters = CommandRun { out, report in
            HarkCommands.chapters(path: episode, json: false, format: nil, output: out, report: report)
        }
        #expect(chapters.status == 0)
        #expect(chapters.output.hasPrefix("~0:00:"))
        var options = HarkCommands.TopicOptions()
        options.quiet = true
        let topics = CommandRun { out, report in HarkCommands.topics(path: episode, options: options, output: out, report: report)
        }
        #expect(topics.status == 0)
    }

    @Test func aFileWithNothingLeftSaysWhyOnOneLine() {
        let path = Files.write("1\n00:00:01,000 --> 00:00:99,000\nOne.\n", name: "nothing-left.srt")
        let run = CommandRun { out, report in
            HarkCommands.info(paths: [path], format: .srt, json: false, quiet: false, output: out, report: report)
        }
        #expect(run.status == 1)
        #expect(run.errors.count == 1)
        #expect(run.errors.first?.hasSuffix(": \(LoadWarning.Kind.timeOutOfRange.rawValue) (line 2)") == true)
    }
}
