import Foundation
import HarkTestSupport
import Testing

/// The real binary under tmux, as a person would use it. Each test waits for
/// what it expects to appear; none sleeps blindly.
@Suite(.serialized)
struct ReaderEndToEndTests {
    let hark = Tmux.binary

    @Test func startsShowsTheInterviewAndQuitsCleanly() throws {
        let tmux = try Tmux(hark)
        try tmux.waitFor(text: "I think people see the output models")
        // Topics are found after the first frame; the pane shows them when they come.
        let screen = try tmux.waitFor(text: "Chapters")
        #expect(screen.contains("gradient-dissent-sarah-catanzaro.whisper.txt · whisper-text"))
        #expect(screen.contains("MLOps consolidation"))
        #expect(screen.contains("0:00:00 / 1:16:22"))
        try tmux.send("q")
        let ending = try tmux.ending()
        #expect(ending.status == 0)
        #expect(ending.restored, "terminal not restored: \(ending.screen)")
    }

    @Test func searchHighlightsAndCountsMatches() throws {
        let tmux = try Tmux(hark)
        try tmux.waitFor(text: "I think people see")
        try tmux.send("/")
        try tmux.type("language model")
        try tmux.waitFor(text: "1/4")
        try tmux.send("Enter")
        try tmux.send("n")
        try tmux.waitFor(text: "2/4")
        try tmux.send("N", "N")
        try tmux.waitFor(text: "search wrapped to the end")
        try tmux.send("q")
        #expect(try tmux.ending().restored)
    }

    @Test func jumpsToATime() throws {
        let tmux = try Tmux(hark)
        try tmux.waitFor(text: "I think people see")
        try tmux.jump(to: "1:02:03")
        // The segment being spoken at 1:02:03 started at 1:01:58.
        let screen = try tmux.waitFor(text: " 1:01:58 / 1:16:22  81%")
        #expect(screen.contains(">1:01:58"))
        try tmux.jump(to: "soon")
        try tmux.waitFor(text: "soon: not a time")
        try tmux.send("q")
        #expect(try tmux.ending().status == 0)
    }

    @Test func redrawsOnResize() throws {
        let tmux = try Tmux(hark)
        try tmux.waitFor(text: "Chapters")
        try tmux.run(["resize-window", "-t", "hark", "-x", "60", "-y", "15"])
        try tmux.waitFor("the side pane to hide at 60 columns") { !$0.contains("Chapters") && $0.contains("0:00:00 / 1:16:22") }
        try tmux.run(["resize-window", "-t", "hark", "-x", "100", "-y", "30"])
        try tmux.waitFor(text: "Chapters")
        try tmux.send("q")
        #expect(try tmux.ending().restored)
    }

    /// Issue 12's trial: at 0:44:58 in file 1, `:n` then `:p` used to land at 0:00:00 with the search gone.
    @Test func eachFileKeepsItsPlaceAndSearchAcrossColonNAndColonP() throws {
        let whisper = TestSupport.samplePath
        let srt = whisper.replacingOccurrences(of: ".whisper.txt", with: ".srt")
        let tmux = try Tmux("\(hark) '\(whisper)' '\(srt)'")
        // Two files: the library first.
        try tmux.waitFor(text: "Library · 2 transcripts")
        try tmux.send("Enter")
        try tmux.waitFor(text: "I think people see")
        try tmux.jump(to: "44:58")
        try tmux.send("/")
        try tmux.type("data")
        // Searching as you type moves to a match at every key, so the place is read from the
        // screen that shows the whole word in the prompt (the prompt and the count are one
        // frame): "dat" has 78 matches to the word's 68.
        let placePattern = #"0:4\d:\d\d / 1:16:22  \d+%  \d+/\d+"#
        let typed = try tmux.waitFor("the search for the whole word") {
            $0.split(separator: "\n").last == "/data" && $0.range(of: placePattern, options: .regularExpression) != nil
        }
        let place = try #require(typed.range(of: placePattern, options: .regularExpression))
        let status = String(typed[place])
        try tmux.send("Enter")
        try tmux.waitFor("the search kept at its match") { $0.split(separator: "\n").last != "/data" && $0.contains(status) }
        try tmux.jump(to: "n")
        try tmux.waitFor(text: "[2/2]")
        try tmux.waitFor(text: " 0:00:00 / 1:16:22  0%")
        try tmux.jump(to: "p")
        try tmux.waitFor(text: "[1/2]")
        try tmux.waitFor(text: status)
        try tmux.send("q")
        #expect(try tmux.ending().status == 0)
    }

    @Test func controlCQuitsAndRestores() throws {
        let tmux = try Tmux(hark)
        try tmux.waitFor(text: "I think people see")
        try tmux.send("C-c")
        let ending = try tmux.ending()
        #expect(ending.status == 0)
        #expect(ending.restored)
    }

    @Test(arguments: [("TERM", 143), ("HUP", 129)])
    func terminationSignalsRestoreTheTerminal(signal: String, status: Int) throws {
        let tmux = try Tmux(hark)
        try tmux.waitFor(text: "I think people see")
        let pid = try tmux.harkPID()
        kill(pid, signal == "TERM" ? SIGTERM : SIGHUP)
        let ending = try tmux.ending()
        #expect(ending.status == status)
        #expect(ending.restored, "terminal not restored: \(ending.screen)")
    }

    @Test func aCrashRestoresTheTerminal() throws {
        let tmux = try Tmux(hark, environment: ["HARK_TEST_CRASH_AFTER_FIRST_FRAME": "1"])
        let ending = try tmux.ending()
        #expect(ending.status > 128)
        #expect(ending.restored, "terminal not restored: \(ending.screen)")
    }

    @Test func suspendAndForegroundBringTheScreenBack() throws {
        // An interactive shell, for job control.
        let tmux = try Tmux("PS1='$ ' bash --norc --noprofile -i")
        try tmux.waitFor(text: "$")
        try tmux.type("\(hark)")
        try tmux.send("Enter")
        try tmux.waitFor(text: "I think people see")
        try tmux.send("j", "j")
        try tmux.waitFor(text: "0:00:07 / 1:16:22")
        try tmux.send("C-z")
        try tmux.waitFor(text: "Stopped")
        #expect(try tmux.format("#{alternate_on}") == "0")
        try tmux.type("fg")
        try tmux.send("Enter")
        let screen = try tmux.waitFor("the whole screen back") { $0.contains("Chapters") && $0.contains("0:00:07 / 1:16:22") }
        #expect(screen.contains("I think people see"))
        try tmux.send("q")
        try tmux.waitFor("the shell prompt") { $0.contains("$") && !$0.contains("Chapters") }
        #expect(try tmux.format("#{alternate_on}") == "0")
    }

    @Test func mouseWheelScrollsAndAClickMovesTheCursor() throws {
        let tmux = try Tmux(hark)
        try tmux.waitFor(text: "I think people see")
        // X10 mouse reports: ESC [ M, then 32 + button, 33 + column, 33 + row.
        try tmux.sendBytes([0x1B, 0x5B, 0x4D, 32 + 65, 33 + 10, 33 + 10])  // wheel down
        try tmux.waitFor("the view to scroll") { !$0.contains("I think people see") }
        try tmux.sendBytes([0x1B, 0x5B, 0x4D, 32 + 64, 33 + 10, 33 + 10])  // wheel up
        try tmux.waitFor(text: "I think people see")
        try tmux.sendBytes([0x1B, 0x5B, 0x4D, 32 + 0, 33 + 20, 33 + 10])  // click at row 10
        try tmux.sendBytes([0x1B, 0x5B, 0x4D, 32 + 3, 33 + 20, 33 + 10])  // release
        try tmux.waitFor("the cursor to move to 0:00:30") { $0.contains(">0:00:30") }
        try tmux.send("q")
        #expect(try tmux.ending().status == 0)
    }
}

extension ReaderEndToEndTests {
    // Ways the reader refuses to start: one line, status 1, terminal untouched.

    @Test(arguments: ["dumb", "no-such-terminal-type"])
    func unusableTERM(term: String) throws {
        let tmux = try Tmux("TERM=\(term) \(hark)")
        let ending = try tmux.ending()
        #expect(ending.status == 1)
        #expect(ending.restored)
        #expect(ending.screen.contains("hark: "))
        #expect(ending.screen.contains(term == "dumb" ? "TERM is \"dumb\"" : "unknown terminal type"))
    }

    @Test func stdinNotATerminal() throws {
        let tmux = try Tmux("echo | \(hark)")
        let ending = try tmux.ending()
        #expect(ending.status == 1)
        #expect(ending.screen.contains("the reader needs a terminal on stdin"))
        #expect(ending.restored)
    }

    @Test func aFileThatCannotBeLoaded() throws {
        let tmux = try Tmux("\(hark) missing.srt")
        let ending = try tmux.ending()
        #expect(ending.status == 1)
        #expect(ending.screen.contains("hark: missing.srt: no such file"))
        #expect(ending.restored)
    }

    @Test func topicsOpenIntoPassagesThatEnterAndBracketsReach() throws {
        let tmux = try Tmux(hark)
        try tmux.waitFor(text: "MLOps consolidation")
        try tmux.send("Tab")
        try tmux.send("j")  // from "LLM hype" to "MLOps consolidation"
        try tmux.send("Enter")
        try tmux.waitFor(text: "25:20–36:29")
        try tmux.send("j")
        try tmux.send("Enter")
        try tmux.waitFor("the cursor at the first passage") { $0.contains(">0:25:") && $0.contains("┃") }
        try tmux.send("]")
        try tmux.waitFor(text: "passage 2 of 2")
        try tmux.send("q")
        #expect(try tmux.ending().status == 0)
    }

    @Test func aBrokenTopicsFileIsAnErrorNamingItsLine() throws {
        let topics = TestSupport.write("[[topic]]\nname = \"x\"\nkeywords = [\"a\", 3]\n", name: "broken.topics.toml")
        let tmux = try Tmux("\(hark) --topics '\(topics)'")
        let ending = try tmux.ending()
        #expect(ending.status == 1)
        #expect(ending.screen.contains("broken.topics.toml:3: \"keywords\" must hold strings only, not 3"))
    }
}
