import HarkAudio
import HarkCore
import HarkTestSupport
import ReaderScreens
import ReaderState
import TerminalKit
import Testing

/// The reader with audio: what the keys ask of the player, and how the
/// state follows what the player says (it never guesses from a clock).
@Suite struct AudioStateTests {
    static let audio = "talk.mp3"

    static func state(
        _ transcript: Transcript = Fixtures.conversation, audio: String? = Self.audio, width: Int = 80, height: Int = 20,
        colors: ColorSupport = .extended
    ) -> ReaderState {
        let document = Fixtures.document(transcript, audioPath: audio)
        return ReaderState.opening(
            document, files: [transcript.source], size: Size(width: width, height: height), colorSupport: colors
        ).0
    }

    func play(_ command: PlayerCommand, _ state: ReaderState) -> Effect {
        .player(state.document.id, path: Self.audio, command)
    }

    func statusBar(_ state: ReaderState) -> String {
        String(ReaderScreen.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)[state.size.height - 2])
    }

    // MARK: Without audio

    @Test func withoutAudioPSaysWhereAudioWouldBeAndNothingElseChanges() {
        var state = Self.state(audio: nil)
        #expect(state.audio == nil)
        #expect(state.press(.character("p")).isEmpty)
        #expect(state.message?.contains("no audio for talk.json: put talk.mp3") == true, "\(state.message ?? "")")
        #expect(state.message?.contains("--audio FILE") == true)
        // No audio hint, no audio in the status bar.
        #expect(!statusBar(state).contains("play"))
        #expect(!statusBar(Self.state(audio: nil)).contains("▶"))
    }

    @Test func withAudioTheStatusBarHintsAtP() {
        let state = Self.state(width: 120)
        #expect(statusBar(state).contains("p play"), "\(statusBar(state))")
        // Nothing starts before p: opening a file never starts a player.
        #expect(state.audio?.started == false)
    }

    // MARK: Playing and following

    @Test func pPlaysFromTheCursorsSegment() {
        var state = Self.state()
        state.press(.character("j"), .character("j"))
        let effects = state.press(.character("p"))
        #expect(effects == [play(.play(from: 6000), state)])
        #expect(state.audio?.playing == true && state.audio?.following == true)
        #expect(statusBar(state).contains("▶ 0:00:06 1.0×"), "\(statusBar(state))")
    }

    @Test func theViewFollowsThePositionThePlayerReports() {
        var state = Self.state()
        state.press(.character("p"))
        let id = state.document.id
        _ = state.handle(.player(id, .position(9500)))
        #expect(state.cursor == 3)
        #expect(state.playingSegment == 3)
        _ = state.handle(.player(id, .position(12_100)))
        #expect(state.cursor == 4)
        #expect(statusBar(state).contains("▶ 0:00:12"))
    }

    @Test func followingScrollsALongTranscriptToKeepTheVoiceInView() {
        var state = Self.state(Fixtures.sampleTranscript, width: 100, height: 30)
        state.press(.character("p"))
        let id = state.document.id
        for minute in stride(from: 1, through: 40, by: 3) {
            let time = Int64(minute) * 60_000
            _ = state.handle(.player(id, .position(time)))
            let expected = state.segmentShown(state.transcript.segmentIndex(at: time)!, forward: true)
            #expect(state.cursor == expected)
            let shown = state.visibleLines().flatMap { $0.runs.map(\.segment) }
            #expect(shown.contains(expected), "minute \(minute)")
        }
    }

    @Test func movingByHandStopsFollowingAndFBringsItBack() {
        var state = Self.state()
        state.press(.character("p"))
        let id = state.document.id
        _ = state.handle(.player(id, .position(2500)))
        #expect(state.cursor == 1)
        state.press(.character("G"))
        #expect(state.audio?.following == false)
        let end = state.cursor
        _ = state.handle(.player(id, .position(9500)))
        #expect(state.cursor == end, "the cursor stays where the user put it")
        #expect(state.playingSegment == 3, "the voice is still shown")
        #expect(statusBar(state).contains("f: follow"))
        // The audio plays on: nothing was asked of the player.
        #expect(state.audio?.playing == true)
        #expect(state.press(.character("f")).isEmpty)
        #expect(state.cursor == 3 && state.audio?.following == true)
        _ = state.handle(.player(id, .position(12_500)))
        #expect(state.cursor == 4)
    }

    @Test func theMouseStopsFollowingToo() {
        var state = Self.state()
        state.press(.character("p"))
        _ = state.handle(.mouse(.wheelDown, column: 10, row: 5))
        #expect(state.audio?.following == false)
    }

    @Test func pPausesAndResumesWhereItPaused() {
        var state = Self.state()
        state.press(.character("p"))
        let id = state.document.id
        _ = state.handle(.player(id, .position(7200)))
        #expect(state.press(.character("p")) == [play(.pause, state)])
        #expect(state.audio?.playing == false)
        #expect(state.message == "paused at 0:00:07")
        #expect(statusBar(state).contains("paused 0:00:07"))
        // Still on the segment it paused in: on from the same place.
        #expect(state.press(.character("p")) == [play(.play(from: nil), state)])
        // Paused, moved elsewhere: p plays from the cursor.
        state.press(.character("p"), .character("G"))
        #expect(state.press(.character("p")) == [play(.play(from: 20_500), state)])
    }

    @Test func capitalPReplaysTheSegmentBeingSpoken() {
        var state = Self.state()
        state.press(.character("p"))
        _ = state.handle(.player(state.document.id, .position(10_400)))
        #expect(state.press(.character("P")) == [play(.play(from: 9000), state)])
    }

    // MARK: Jumps take the audio along

    @Test func aJumpWhilePlayingSeeksTheAudio() {
        var state = Self.state()
        state.press(.character("p"))
        state.press(.character("G"))  // by hand: not following
        let effects = state.submit(.jump, text: "0:12")
        #expect(effects == [play(.seek(to: 12_000), state)])
        #expect(state.audio?.following == true)
    }

    @Test func aSearchAndNWhilePlayingSeekTheAudio() {
        var state = Self.state()
        state.press(.character("p"))
        #expect(state.submit(.search, text: "structured") == [play(.seek(to: 6000), state)])
        // From the cursor on, as any search; n wraps to the start.
        #expect(state.submit(.search, text: "language") == [play(.seek(to: 12_000), state)])
        #expect(state.press(.character("n")) == [play(.seek(to: 2000), state)])
    }

    @Test func whilePausedJumpsOnlyMoveTheCursor() {
        var state = Self.state()
        #expect(state.submit(.jump, text: "0:12").isEmpty)
        state.press(.character("p"), .character("p"))
        #expect(state.submit(.jump, text: "0:06").isEmpty)
        // And p then plays from there.
        #expect(state.press(.character("p")) == [play(.play(from: 6000), state)])
    }

    @Test func typingAPromptLeavesTheViewAlone() {
        var state = Self.state()
        state.press(.character("p"))
        state.press(.character("/"))
        state.type("thanks")
        let cursor = state.cursor
        _ = state.handle(.player(state.document.id, .position(20_600)))
        #expect(state.cursor == cursor)
        // Esc: back to following.
        state.press(.escape)
        _ = state.handle(.player(state.document.id, .position(20_700)))
        #expect(state.cursor == 6)
    }

    // MARK: Speed

    @Test func speedGoesByTenthsBetweenHalfAndTwice() {
        var state = Self.state()
        state.press(.character("p"))
        #expect(state.press(.character(">")) == [play(.speed(1.1), state)])
        for _ in 0..<20 { state.press(.character(">")) }
        #expect(state.audio?.speed == 2.0)
        #expect(state.press(.character(">")).isEmpty)
        #expect(state.message == "speed 2.0× is the fastest")
        for _ in 0..<30 { state.press(.character("<")) }
        #expect(state.audio?.speed == 0.5)
        #expect(statusBar(state).contains("0.5×"))
    }

    @Test func aSpeedChosenBeforePlayingGoesWithTheFirstPlay() {
        var state = Self.state()
        #expect(state.press(.character("<")).isEmpty)
        #expect(state.audio?.speed == 0.9)
        #expect(state.press(.character("p")) == [play(.speed(0.9), state), play(.play(from: 0), state)])
    }

    // MARK: What the player says

    @Test func aFailureIsOneMessageAndPTriesAgain() {
        var state = Self.state()
        state.press(.character("p"))
        _ = state.handle(.player(state.document.id, .failed("mpv is not installed")))
        #expect(state.message == "mpv is not installed")
        #expect(state.audio?.playing == false && state.audio?.started == false)
        #expect(state.press(.character("p")) == [play(.play(from: 0), state)])
    }

    @Test func theEndOfTheAudioIsSaidAndPStartsAgainFromTheCursor() {
        var state = Self.state()
        state.press(.character("p"))
        _ = state.handle(.player(state.document.id, .position(20_600)))
        _ = state.handle(.player(state.document.id, .ended))
        #expect(state.audio?.playing == false)
        #expect(state.message?.contains("the audio ended") == true)
        // Not "on from the end", which would play nothing.
        #expect(state.press(.character("p")) == [play(.play(from: 20_500), state)])
    }

    @Test func eventsForAnotherDocumentAreDropped() {
        var state = Self.state()
        state.press(.character("p"))
        _ = state.handle(.player(DocumentID(9999), .position(20_600)))
        #expect(state.cursor == 0)
        _ = state.handle(.player(DocumentID(9999), .failed("old")))
        #expect(state.audio?.playing == true)
    }

    @Test func ctrlZPausesTheAudioWhileSuspended() {
        var state = Self.state()
        #expect(state.press(.control("z")) == [.suspend])
        state.press(.character("p"))
        #expect(state.press(.control("z")) == [play(.pause, state), .suspend, play(.play(from: nil), state)])
    }

    @Test func anotherFileEndsThePlayer() {
        let first = Fixtures.document(Fixtures.conversation, audioPath: Self.audio)
        let second = Fixtures.document(Fixtures.conversation, audioPath: "other.mp3")
        var state = ReaderState.opening(
            first, files: ["talk.json", "other.json"], size: Size(width: 80, height: 20), colorSupport: .extended
        ).0
        state.press(.character("p"), .character(">"))
        #expect(state.submit(.jump, text: "n") == [.openFile(index: 1)])
        let effects = state.handle(.fileOpened(index: 1, second))
        #expect(effects.first == .closePlayer)
        #expect(state.audio?.path == "other.mp3" && state.audio?.started == false)
        #expect(state.audio?.speed == 1.1, "the listener's speed is kept")
    }

    @Test func estimatedTimesSeekTooAndSayThePlaceIsApproximate() {
        var state = Self.state(Fixtures.markdownEpisode, width: 120)
        state.press(.character("p"))
        #expect(state.message?.contains("approximate") == true)
        #expect(statusBar(state).contains("place in text approximate"), "\(statusBar(state))")
        // A search lands on a segment whose time hark estimated: the audio goes there.
        let effects = state.submit(.search, text: "read what you label")
        #expect(state.transcript.isEstimated(state.cursor))
        #expect(effects == [.player(state.document.id, path: Self.audio, .seek(to: state.transcript.start(of: state.cursor)))])
        #expect(state.transcript.start(of: state.cursor) > 90_000, "after the [01:30] stamp")
    }

    // MARK: On screen

    @Test(arguments: [ColorSupport.extended, .none])
    func theVoiceHasItsOwnMarkWhenTheCursorIsElsewhere(colors: ColorSupport) {
        var state = Self.state(colors: colors)
        state.press(.character("p"))
        _ = state.handle(.player(state.document.id, .position(9500)))
        state.press(.character("k"), .character("k"))
        let grid = ReaderScreen.render(state)
        let text = grid.text.split(separator: "\n", omittingEmptySubsequences: false)
        let voiceRow = text.firstIndex { $0.contains("Thanks. I spent") }!
        #expect(text[voiceRow].hasPrefix("▶"), "\(text[voiceRow])")
        let cursorRow = text.firstIndex { $0.contains("Welcome to the show") }!
        #expect(text[cursorRow].hasPrefix(">"))
        // In colour a background of its own; without colours, underlined.
        let theme = Theme(state)
        let mask = grid.styleMask([("v", { $0 == theme.playingSegment })]).split(
            separator: "\n", omittingEmptySubsequences: false)
        #expect(mask[voiceRow].filter { $0 == "v" }.count > 20, "\(mask[voiceRow])")
    }
}
