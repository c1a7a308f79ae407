import HarkCore
import HarkTestSupport
import ReaderScreens
import ReaderState
import TerminalKit
import Testing

/// The reader over WebVTT cues with no text: they have no line in the
/// paragraphs, so the cursor never rests on one and nothing shows them.
struct EmptyCueReaderTests {
    /// Text at segments 0, 2, 5 and 7; no text at 1, 3, 4, 6, 8 and 9.
    static let voices = """
        WEBVTT

        00:00:00.000 --> 00:00:03.000
        <v Ana>Welcome back.

        00:00:03.000 --> 00:00:05.000

        00:00:05.000 --> 00:00:08.000
        <v Ben>Thanks for having me.

        00:00:08.000 --> 00:00:09.000
        <v Ben></v>

        00:00:09.000 --> 00:00:10.000
        <i> </i>

        00:00:10.000 --> 00:00:14.000
        <v Ana>So tell me about it.

        00:01:00.000 --> 00:01:05.000

        00:01:05.000 --> 00:01:09.000
        <v Ana>And then it grew?

        00:01:12.000 --> 00:01:13.000

        00:01:13.000 --> 00:01:14.000

        """

    private func state(_ text: String, name: String = "voices.vtt", width: Int = 100, height: Int = 20) throws -> ReaderState {
        let transcript = try TranscriptLoader.load(path: TestSupport.write(text, name: name))
        return Fixtures.state(transcript, files: [name], width: width, height: height, colors: .extended, topics: nil)
    }

    private func statusBar(_ state: ReaderState) -> String {
        String(ReaderScreen.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)[state.size.height - 2])
    }

    @Test func jAndKStepOverCuesWithoutText() throws {
        var state = try state(Self.voices)
        #expect(state.cursor == 0)
        var visited = [state.cursor]
        for _ in 0..<5 {
            state.press(.character("j"))
            visited.append(state.cursor)
        }
        #expect(visited == [0, 2, 5, 7, 7, 7])
        state.press(.character("k"))
        #expect(state.cursor == 5)
        state.press(.character("k"), .character("k"))
        #expect(state.cursor == 0)
    }

    @Test func theEndIsTheLastSegmentWithTextAndSaysHundredPercent() throws {
        var state = try state(Self.voices)
        state.press(.character("G"))
        #expect(state.cursor == 7)
        #expect(state.visibleLines().contains { $0.runs.contains { $0.segment == state.cursor } })
        #expect(statusBar(state).contains("0:01:05 / 0:01:14  100%"))
    }

    @Test func aJumpIntoACueWithoutTextLandsOnWhatIsSaidNext() throws {
        var state = try state(Self.voices)
        state.submit(.jump, text: "1:02")
        #expect(state.cursor == 7)
        state.submit(.jump, text: "0:03.5")
        #expect(state.cursor == 2)
        state.submit(.jump, text: "100%")
        #expect(state.cursor == 7)
    }

    @Test func theCursorOpensOnTheFirstText() throws {
        let state = try state("WEBVTT\n\n00:00.000 --> 00:01.000\n\n00:01.000 --> 00:03.000\nHello.\n", name: "leading.vtt")
        #expect(state.cursor == 1)
        let first = state.visibleLines()[0]
        #expect(first.time == 1000)
        #expect(first.runs.map(\.segment) == [1])
    }

    @Test func aCueWithoutTextInsideALineLosesNoByte() throws {
        let text = """
            WEBVTT

            00:00.000 --> 00:02.000
            Hello there.

            00:02.000 --> 00:03.000

            00:03.000 --> 00:05.000
            General Kenobi.
            """
        let state = try state(text, name: "mid.vtt")
        let line = state.visibleLines()[0]
        #expect(line.runs.map(\.segment) == [0, 2])
        #expect(line.runs.map { state.transcript.string(ofBytes: $0.bytes) } == ["Hello there.", "General Kenobi."])
    }

    @Test func rawModeShowsCuesWithoutTextAndLeavingItMovesOffThem() throws {
        var state = try state(Self.voices)
        state.press(.character("r"), .character("j"))
        #expect(state.cursor == 1)
        #expect(state.visibleLines().contains { $0.runs.contains { $0.segment == 1 } && $0.time == 3000 })
        state.press(.character("r"))
        #expect(state.cursor == 2)
        #expect(state.visibleLines().contains { $0.runs.contains { $0.segment == 2 } })
    }

    @Test func searchStepsFromACursorOnACueWithoutText() throws {
        var state = try state(Self.voices)
        state.press(.character("r"), .character("j"))
        #expect(state.cursor == 1)
        state.submit(.search, text: "a")
        #expect(state.cursor == 2)
        state.press(.character("N"))
        #expect(state.cursor == 0)
    }
}

struct HeaderTests {
    @Test func aNarrowHeaderDropsSpeakerNamesBeforeTheDuration() {
        let state = Fixtures.markdownState(width: 80, height: 24)
        let header = String(ReaderScreen.render(state).text.split(separator: "\n")[0])
        let duration = TimeFormat.mark(estimated: true) + TimeFormat.short(state.transcript.duration)
        #expect(header.contains("· 2 speakers · \(duration)"))
        let wide = String(ReaderScreen.render(Fixtures.markdownState(width: 200, height: 24)).text.split(separator: "\n")[0])
        #expect(wide.contains("2 speakers: Daniel Whitenack, Chris Benson · \(duration)"))
    }
}

struct EmptyCueSidePaneTests {
    @Test func turnsAndChangesAreListedWhereTheTextIs() throws {
        let text = """
            WEBVTT

            00:00.000 --> 00:01.000
            <v Ben></v>

            00:01.000 --> 00:03.000
            <v Ana>One.

            00:03.000 --> 00:05.000
            <v Ben>Two.

            00:05.000 --> 00:06.000
            &gt;&gt;

            00:06.000 --> 00:08.000
            Three.

            00:08.000 --> 00:10.000
            Four.

            00:10.000 --> 00:12.000
            &gt;&gt; Five.
            """
        let transcript = try TranscriptLoader.load(path: TestSupport.write(text, name: "changes.vtt"))
        var state = Fixtures.state(transcript, files: ["changes.vtt"], width: 100, height: 20, colors: .extended, topics: nil)
        let changes = try #require(state.sidePaneEntries.first { $0.title == "speaker changes" })
        #expect(changes.segments == [4, 6])
        let ben = try #require(state.sidePaneEntries.first { $0.title == "Ben" })
        #expect(ben.segments == [2])
        // `]` and `[` step through the changes both ways.
        try state.selectEntry(titled: "speaker changes")
        state.press(.tab, .character("]"))
        #expect(state.cursor == 4)
        state.press(.character("]"))
        #expect(state.cursor == 6)
        state.press(.character("["))
        #expect(state.cursor == 4)
        state.press(.character("["))
        #expect(state.cursor == 6)  // on to the last
    }
}
