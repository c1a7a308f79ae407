import Foundation
import HarkTestSupport
import Testing

/// Listening in the real binary: mpv started by hark (no sound:
/// `HARK_MPV_OPTIONS=--ao=null`) on speech the tests make, and ended on
/// every way out, with its socket folder.
@Suite(.serialized)
struct AudioEndToEndTests {
    let hark = Tmux.binary

    /// A folder of its own: the transcript and its audio beside it, and a
    /// TMPDIR for hark, which must be empty again when hark has ended.
    final class Setup {
        let folder: URL
        let audio: SpokenAudio
        let temporary: URL

        init() throws {
            folder = TestSupport.temporaryFolder.appendingPathComponent("audio-e2e-\(UUID().uuidString.prefix(8))")
            temporary = folder.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            audio = try SpokenAudio.make(name: "interview", in: folder)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        var environment: [String: String] { ["HARK_MPV_OPTIONS": "--ao=null", "TMPDIR": temporary.path] }
        var command: String { "cd '\(folder.path)' && \(Tmux.binary) interview.srt" }

        /// This test's mpv processes: their socket is in this test's TMPDIR.
        func players() throws -> [String] {
            let found = try Tmux.spawn(["pgrep", "-a", "-f", "--", "--input-ipc-server=" + temporary.path], captureOutput: true)
            return found.output.split(separator: "\n").map(String.init)
        }

        func leftInTemporaryFolder() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: temporary.path) }

        /// Waits until `count` mpv processes of this test are running (none: all are gone).
        func players(become count: Int, within seconds: Double = 5) throws -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if try players().count == count { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return try players().count == count
        }

        func noPlayerLeft(within seconds: Double = 5) throws -> Bool { try players(become: 0, within: seconds) }
    }

    /// The audio time the status bar shows (`▶ 0:00:07`, `paused 0:00:07`), in seconds.
    static func audioSeconds(_ screen: String) -> Int? {
        guard let range = screen.range(of: #"(▶|paused) \d+:\d\d:\d\d"#, options: .regularExpression) else { return nil }
        let parts = screen[range].split(separator: " ").last!.split(separator: ":").compactMap { Int($0) }
        return parts.count == 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2] : nil
    }

    static func startPlaying(_ tmux: Tmux) throws {
        try tmux.waitFor(text: "Welcome to the show")
        try tmux.send("p")
        try tmux.waitFor("the audio to play") { (audioSeconds($0) ?? 0) >= 1 }
    }

    @Test func playsAndTheHighlightFollowsTheVoice() throws {
        let setup = try Setup()
        let tmux = try Tmux(setup.command, environment: setup.environment)
        try tmux.waitFor(text: "Welcome to the show")
        try tmux.send("r")  // one segment a line, each with its time: the ▶ line's time is its segment's
        try tmux.send("p")
        let started = Date()
        #expect(try setup.players(become: 1))
        for line in 1...2 {
            let start = setup.audio.start(of: line) / 1000
            let screen = try tmux.waitFor("line \(line) to be spoken") { (Self.audioSeconds($0) ?? 0) >= start }
            // In step with the clock (mpv plays in real time)...
            let elapsed = Date().timeIntervalSince(started)
            #expect(abs(elapsed - Double(start)) < 1.5, "at \(elapsed) s the audio was at \(start) s")
            // ...and the highlighted segment is the one being spoken.
            let marked = try #require(screen.split(separator: "\n").first { $0.hasPrefix("▶") }, "\(screen)")
            let seconds = Self.audioSeconds(screen) ?? 0
            let spoken = setup.audio.lines[seconds * 1000 / setup.audio.slotMilliseconds]
            #expect(marked.contains(spoken.prefix(20)), "\(marked) at \(seconds) s")
        }
        try tmux.send("q")
        #expect(try tmux.ending().restored)
        #expect(try setup.noPlayerLeft())
    }

    @Test func jumpsAndSearchesSeekWhilePlayingAndSpeedChanges() throws {
        let setup = try Setup()
        let tmux = try Tmux(setup.command, environment: setup.environment)
        try Self.startPlaying(tmux)
        try tmux.jump(to: "0:21")
        try tmux.waitFor("the audio at 0:21") { (21...23).contains(Self.audioSeconds($0) ?? 0) }
        try tmux.send("/")
        try tmux.type("pianos")
        try tmux.send("Enter")
        try tmux.waitFor("the audio at the match") { (24...26).contains(Self.audioSeconds($0) ?? 0) }
        // Moving by hand leaves the audio playing, and f comes back to it.
        try tmux.send("g")
        try tmux.waitFor(text: "f: follow")
        try tmux.send("f")
        try tmux.waitFor("following again") { !$0.contains("f: follow") }
        try tmux.send(">", ">", ">")
        try tmux.waitFor(text: "1.3×")
        try tmux.send("<")
        try tmux.waitFor(text: "1.2×")
        try tmux.send("q")
        _ = try tmux.ending()
        #expect(try setup.noPlayerLeft())
    }

    @Test func fasterPlaysFaster() throws {
        let setup = try Setup()
        let tmux = try Tmux(setup.command, environment: setup.environment)
        try Self.startPlaying(tmux)
        for _ in 0..<10 { try tmux.send(">") }
        let from = try tmux.waitFor(text: "2.0×")
        let start = try #require(Self.audioSeconds(from))
        let startedAt = Date()
        let to = try tmux.waitFor("three seconds to pass") { _ in Date().timeIntervalSince(startedAt) >= 3 }
        let advanced = (Self.audioSeconds(to) ?? 0) - start
        #expect((4...8).contains(advanced), "at 2× for 3 s the audio moved \(advanced) s")
        try tmux.send("q")
        _ = try tmux.ending()
    }

    @Test func mpvDyingWhilePlayingIsOneMessageAndPStartsItAgain() throws {
        let setup = try Setup()
        let tmux = try Tmux(setup.command, environment: setup.environment)
        try Self.startPlaying(tmux)
        for player in try setup.players() {
            if let pid = Int32(player.split(separator: " ").first ?? "") { kill(pid, SIGKILL) }
        }
        try tmux.waitFor(text: "mpv stopped (killed by signal 9): p starts it again")
        try tmux.send("j")
        try tmux.send("p")
        try tmux.waitFor("playing again") { $0.contains("▶ 0:00:0") }
        #expect(try setup.players(become: 1))
        try tmux.send("q")
        _ = try tmux.ending()
        #expect(try setup.noPlayerLeft())
    }

    enum Exit: String, CaseIterable, Sendable {
        case q, controlC, sigterm, sighup, crash, sigkill
    }

    @Test(arguments: Exit.allCases)
    func everyWayOutEndsThePlayerAndRemovesItsSocket(_ exit: Exit) throws {
        let setup = try Setup()
        let tmux = try Tmux(setup.command, environment: setup.environment)
        try Self.startPlaying(tmux)
        #expect(try setup.players().count == 1)
        let pid = try tmux.harkPID()
        switch exit {
        case .q: try tmux.send("q")
        case .controlC: try tmux.send("C-c")
        case .sigterm: kill(pid, SIGTERM)
        case .sighup: kill(pid, SIGHUP)
        case .crash: kill(pid, SIGSEGV)
        case .sigkill: kill(pid, SIGKILL)
        }
        let ending = try tmux.ending()
        if exit != .sigkill { #expect(ending.restored, "\(ending.screen)") }
        let gone = try setup.noPlayerLeft()
        #expect(gone, "mpv left after \(exit): \((try? setup.players()) ?? [])")
        #expect(try setup.leftInTemporaryFolder().isEmpty)
    }

    @Test func ctrlZPausesTheAudioAndFgResumesIt() throws {
        let setup = try Setup()
        let tmux = try Tmux("PS1='$ ' bash --norc --noprofile -i", environment: setup.environment)
        try tmux.waitFor(text: "$")
        try tmux.type(setup.command)
        try tmux.send("Enter")
        try Self.startPlaying(tmux)
        let before = try #require(Self.audioSeconds(try tmux.screen()))
        try tmux.send("C-z")
        try tmux.waitFor(text: "Stopped")
        Thread.sleep(forTimeInterval: 3)  // the audio must not move meanwhile
        try tmux.type("fg")
        try tmux.send("Enter")
        let back = try tmux.waitFor("the reader back") { Self.audioSeconds($0) != nil }
        let after = try #require(Self.audioSeconds(back))
        #expect(after - before <= 1, "the audio went on while hark was stopped: \(before) s then \(after) s")
        try tmux.waitFor("playing on") { (Self.audioSeconds($0) ?? 0) >= after + 1 }
        try tmux.send("q")
        try tmux.waitFor("the shell prompt") { $0.contains("$") && !$0.contains("Welcome") }
        #expect(try setup.noPlayerLeft())
    }

    /// `p` in `hark ARGUMENTS` shows `message`, and the reader goes on.
    func pFails(_ arguments: String, saying message: String, setup: Setup) throws {
        let tmux = try Tmux("cd '\(setup.folder.path)' && \(arguments)", environment: setup.environment)
        try tmux.waitFor(text: "Welcome to the show")
        try tmux.send("p")
        try tmux.waitFor(text: message)
        try tmux.send("j")
        try tmux.waitFor(text: "0:00:03 /")
        try tmux.send("q")
        #expect(try tmux.ending().status == 0)
        #expect(try setup.leftInTemporaryFolder().isEmpty)
    }

    @Test func withoutMPVTheReaderSaysHowToInstallItAndGoesOn() throws {
        let setup = try Setup()
        try pFails("PATH=/nonexistent \(hark) interview.srt", saying: "mpv is not installed: install it", setup: setup)
    }

    @Test func audioMPVCannotPlayIsOneMessage() throws {
        let setup = try Setup()
        try Data("not audio\n".utf8).write(to: setup.folder.appendingPathComponent("broken.mp3"))
        try pFails("\(hark) --audio broken.mp3 interview.srt", saying: "mpv cannot play broken.mp3", setup: setup)
    }
}
