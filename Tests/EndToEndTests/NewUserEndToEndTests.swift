import Foundation
import HarkTestSupport
import Testing

/// What a new user hit, checked on the real screen at the sizes they used.
@Suite(.serialized)
struct NewUserEndToEndTests {
    let hark = Tmux.binary

    @Test func at80x24HelpScrollsHintsAreWholeAndTheEndIs100Percent() throws {
        let tmux = try Tmux(hark, width: 80, height: 24)
        let first = try tmux.waitFor(text: "I think people see")
        // The status bar ends with whole hints.
        let bar = first.split(separator: "\n")[22]
        #expect(bar.hasSuffix("Tab pane") || bar.hasSuffix("j move") || bar.hasSuffix("m mark"), "\(bar)")
        try tmux.send("?")
        try tmux.waitFor(text: "j/k Space b scroll  q closes")
        try tmux.send("G")
        // The last lines of the help: the keys cut off before, and how to select text.
        try tmux.waitFor("the bottom of the help") { $0.contains("close (so does any other key)") && $0.contains("hold Shift") }
        try tmux.send("q")
        try tmux.waitFor("help to close") { !$0.contains("q closes") }
        try tmux.send("z")
        try tmux.waitFor(text: "z is not bound to anything here: ? lists the keys")
        try tmux.send("G")
        try tmux.waitFor(text: "/ 1:16:22  100%")
        try tmux.send("q")
        #expect(try tmux.ending().restored)
    }

    @Test func at200x60TheTextKeepsAMeasureAndThePaneShowsWholeTitles() throws {
        let tmux = try Tmux(hark, width: 200, height: 60)
        let screen = try tmux.waitFor(text: "Chapters")
        #expect(screen.contains("25:20 Point solution, end to end platforms"))
        for line in screen.split(separator: "\n") {
            guard let bar = line.firstIndex(of: "│") else { continue }
            let text = line[..<bar].dropFirst(9).trimmingCharacters(in: .whitespaces)
            #expect(text.count <= 100, "\(line)")
        }
        try tmux.send("q")
        #expect(try tmux.ending().status == 0)
    }

    @Test func theGutterBarComesOnlyWithATopicTheUserSelected() throws {
        let tmux = try Tmux(hark)
        let screen = try tmux.waitFor(text: "MLOps consolidation")
        #expect(!screen.contains("┃"))
        try tmux.send("Tab")  // selects the first topic, LLM hype, discussed from 0:00:03
        try tmux.waitFor(text: "┃")
        try tmux.send("q")
        #expect(try tmux.ending().status == 0)
    }

    @Test func loadWarningsAreShownAndListed() throws {
        let srt =
            "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:00:99,000 --> 00:01:03,000\nBad.\n\n3\n00:00:04,000 --> 00:00:05,000\nWorld.\n"
        let file = TestSupport.write(srt, name: "warned.srt")
        let tmux = try Tmux("\(hark) '\(file)'")
        let screen = try tmux.waitFor(text: "1 warning (W)")
        #expect(screen.contains("1 warning while loading: W lists them"))
        try tmux.send("W")
        try tmux.waitFor(text: "line 6")
        try tmux.waitFor(text: "minutes or seconds past 59; cue skipped")
        try tmux.send("q", "q")
        #expect(try tmux.ending().status == 0)
    }

    @Test func anEditedMarkdownTranscriptShowsEstimatedTimes() throws {
        let markdown = """
            # Episode 12

            **Daniel Whitenack:** Welcome to another episode. Today we talk about data sets.

            **Chris Benson:** \\[01:30\\] Thanks, Daniel \\[laughter\\].

            And a second paragraph of mine.

            """
        let file = TestSupport.write(markdown, name: "episode.md")
        let tmux = try Tmux("\(hark) '\(file)'", width: 80, height: 24)
        let screen = try tmux.waitFor(text: "Daniel Whitenack: Welcome to another")
        #expect(screen.contains("episode.md · markdown"))
        #expect(screen.contains(">~0:01:26 Daniel Whitenack:"))
        #expect(screen.contains(" 0:01:30 Chris Benson: Thanks, Daniel [laughter]."))
        #expect(screen.contains(" ~0:01:26 / ~0:01:33"))
        try tmux.jump(to: "1:31")
        try tmux.waitFor(text: " 0:01:30 / ~0:01:33")
        try tmux.send("j")
        try tmux.waitFor(text: " ~0:01:31 / ~0:01:33")
        try tmux.send("q")
        #expect(try tmux.ending().status == 0)
    }

    @Test func theMouseCanBeHandedToTheTerminal() throws {
        let tmux = try Tmux(hark)
        try tmux.waitFor(text: "I think people see")
        #expect(try tmux.format("#{mouse_any_flag}") == "1")
        try tmux.send("M")
        try tmux.waitFor(text: "mouse off: the terminal selects text")
        try tmux.waitFor("the terminal's mouse mode to be off") { _ in (try? tmux.format("#{mouse_any_flag}")) == "0" }
        try tmux.send("M")
        try tmux.waitFor("the mouse to come back") { _ in (try? tmux.format("#{mouse_any_flag}")) == "1" }
        try tmux.send("q")
        #expect(try tmux.ending().restored)
        // And from the start, with --no-mouse.
        let started = try Tmux("\(hark) --no-mouse")
        try started.waitFor(text: "mouse off")
        #expect(try started.format("#{mouse_any_flag}") == "0")
        try started.send("q")
        #expect(try started.ending().status == 0)
    }
}
