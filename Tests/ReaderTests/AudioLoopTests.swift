import Foundation
import HarkAudio
import HarkCore
import HarkReader
import HarkTestSupport
import ReaderState
import TerminalKit
import Testing

/// The runner and the player: one player at a time, made on the first
/// command, its events back through the mailbox, closed however the
/// reader ends.
struct AudioLoopTests {
    /// A player that answers as mpv would, at once: it plays from where it
    /// is asked, a little further each time it is asked anything.
    final class FakePlayer: AudioPlayer, @unchecked Sendable {
        let path: String
        private let events: @Sendable (PlayerEvent) -> Void
        private let lock = NSLock()
        private(set) var commands: [PlayerCommand] = []
        private(set) var closed = false
        let failWith: String?

        init(path: String, failWith: String?, events: @escaping @Sendable (PlayerEvent) -> Void) {
            self.path = path
            self.events = events
            self.failWith = failWith
        }

        func perform(_ command: PlayerCommand) {
            lock.withLock { commands.append(command) }
            if let failWith {
                events(.failed(failWith))
                return
            }
            switch command {
            case .play(let from):
                events(.paused(false))
                events(.position((from ?? 0) + 500))
            case .seek(let to): events(.position(to + 100))
            case .pause: events(.paused(true))
            case .speed: break
            }
        }

        func close() { lock.withLock { closed = true } }
    }

    final class Players: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var made: [FakePlayer] = []
        var failures: [String?] = []

        var factory: AudioPlayerFactory {
            { [self] path, events in
                lock.withLock {
                    let player = FakePlayer(path: path, failWith: failures.isEmpty ? nil : failures.removeFirst(), events: events)
                    made.append(player)
                    return player
                }
            }
        }
    }

    private func run(_ steps: [FakeTerminal.Step], players: Players, files: [String] = ["talk.json"]) -> FakeTerminal {
        let size = Size(width: 100, height: 20)
        let terminal = FakeTerminal(size: size, steps: steps)
        let document = Fixtures.document(Fixtures.conversation, audioPath: "talk.mp3")
        let (state, effects) = ReaderState.opening(document, files: files, size: size, colorSupport: .extended)
        let second: ReaderLoop.Loader = { _, id in .success(CachedDocument(Fixtures.conversation, id: id, audioPath: "other.mp3"))
        }
        _ = ReaderLoop.run(
            backend: terminal, state: state, effects: effects, load: second,
            save: { _, path, _ in throw LoadError(path: path, reason: "not in this test") }, player: players.factory)
        #expect(!terminal.gaveUp, "a screen waited for never came; the last was:\n\(terminal.lastFrame?.text ?? "")")
        return terminal
    }

    private func key(_ character: Character) -> FakeTerminal.Step { .event(.key(.character(character))) }

    @Test func pMakesOnePlayerWhoseEventsMoveTheHighlightAndQuittingClosesIt() {
        let players = Players()
        _ = run(
            [
                key("j"), key("j"), key("j"), key("p"), .waitForScreen("▶ 0:00:09"), key(":"), key("0"), key(":"), key("2"),
                key("1"),
                .event(.key(.enter)),
                .waitForScreen("▶ 0:00:20"), key("q"),
            ],
            players: players)
        #expect(players.made.count == 1)
        #expect(players.made.first?.path == "talk.mp3")
        #expect(players.made.first?.commands == [.play(from: 9000), .seek(to: 20_500)])
        #expect(players.made.first?.closed == true)
    }

    @Test func aFailedPlayerIsClosedAndTheNextPMakesAnother() {
        let players = Players()
        players.failures = ["mpv is not installed", nil]
        _ = run(
            [key("p"), .waitForScreen("mpv is not installed"), key("p"), .waitForScreen("▶ 0:00:00"), key("q")], players: players)
        #expect(players.made.count == 2)
        #expect(players.made.allSatisfy { $0.closed })
    }

    @Test func anotherFileClosesThePlayer() {
        let players = Players()
        _ = run(
            [
                key("p"), .waitForScreen("▶ 0:00:00"), key(":"), key("n"), .event(.key(.enter)), .waitForScreen("2/2"), key("p"),
                .waitForScreen("▶ 0:00:00"), key("q"),
            ],
            players: players, files: ["talk.json", "other.json"])
        #expect(players.made.map(\.path) == ["talk.mp3", "other.mp3"])
        #expect(players.made.allSatisfy { $0.closed })
    }
}
