import Foundation
import HarkAudio
import HarkTestSupport
import Testing

@testable import MPVBackend

/// The player against the real mpv (no sound: `--ao=null`), on speech the
/// test makes with espeak-ng. mpv plays in real time, so these tests wait
/// for what they check, each a few seconds at most.
@Suite(.serialized) struct MPVPlayerTests {
    static func configuration() -> MPVPlayer.Configuration {
        var configuration = MPVPlayer.Configuration()
        configuration.extraOptions = ["--ao=null"]
        return configuration
    }

    @Test func playsAndReportsWhereItIs() throws {
        let audio = try SpokenAudio.make()
        let events = EventRecorder()
        let player = MPVPlayer(path: audio.audioPath, configuration: Self.configuration(), events: events.record)
        defer { player.close() }
        player.perform(.play(from: 0))
        #expect(events.wait { $0.contains(.ready) }, "\(events.all)")
        #expect(events.wait { $0.contains(.paused(false)) }, "\(events.all)")
        let startedAt = Date()
        let first = try #require(events.waitForPosition { $0 > 0 })
        Thread.sleep(forTimeInterval: 1.0)
        let later = try #require(events.latestPosition)
        let elapsed = Int(Date().timeIntervalSince(startedAt) * 1000)
        // In real time, give or take the scheduling of a busy machine.
        #expect(later - first > 700 && later - first < Int64(elapsed) + 300, "from \(first) to \(later) in \(elapsed) ms")
        // Reported often: the reader's highlight can be no fresher than this. (The benchmark
        // measures the worst case on a quiet machine; tests run beside others.)
        let gaps = events.positionGaps().sorted()
        #expect(!gaps.isEmpty && gaps[gaps.count / 2] < 80, "gaps \(gaps)")
    }

    @Test func seeksPausesAndChangesSpeed() throws {
        let audio = try SpokenAudio.make()
        let events = EventRecorder()
        let player = MPVPlayer(path: audio.audioPath, configuration: Self.configuration(), events: events.record)
        defer { player.close() }
        player.perform(.play(from: 0))
        #expect(events.wait { $0.contains(.paused(false)) })
        _ = events.waitForPosition { $0 > 300 }
        events.clear()
        player.perform(.seek(to: 15_000))
        #expect(events.waitForPosition { $0 >= 15_000 && $0 < 16_500 } != nil, "\(events.positions.suffix(5))")
        // No stale position from before the seek comes after it (it would pull the view back).
        Thread.sleep(forTimeInterval: 0.3)
        #expect(events.positions.allSatisfy { $0 >= 15_000 }, "\(events.positions)")

        player.perform(.speed(2.0))
        Thread.sleep(forTimeInterval: 0.2)
        let fastFrom = try #require(events.latestPosition)
        let fastAt = Date()
        Thread.sleep(forTimeInterval: 1.0)
        let fastTo = try #require(events.latestPosition)
        let fastRate = Double(fastTo - fastFrom) / (Date().timeIntervalSince(fastAt) * 1000)
        #expect(fastRate > 1.6 && fastRate < 2.4, "at 2×: \(fastRate)")

        player.perform(.pause)
        #expect(events.wait { $0.contains(.paused(true)) })
        Thread.sleep(forTimeInterval: 0.2)
        let pausedAt = events.latestPosition
        Thread.sleep(forTimeInterval: 0.4)
        #expect(events.latestPosition == pausedAt)
        // Resuming goes on from there.
        player.perform(.play(from: nil))
        #expect(events.waitForPosition { $0 > (pausedAt ?? 0) + 100 } != nil)
    }

    @Test func reportsTheEnd() throws {
        let audio = try SpokenAudio.make(name: "short", lines: ["One line.", "Two lines."], slotMilliseconds: 1000)
        let events = EventRecorder()
        let player = MPVPlayer(path: audio.audioPath, configuration: Self.configuration(), events: events.record)
        defer { player.close() }
        player.perform(.play(from: 1500))
        #expect(events.wait(seconds: 5) { $0.contains(.ended) }, "\(events.all)")
    }

    @Test func aFileMPVCannotPlayIsOneFailure() throws {
        let path = TestSupport.write("this is not audio at all\n", name: "not-audio.mp3")
        let events = EventRecorder()
        let player = MPVPlayer(path: path, configuration: Self.configuration(), events: events.record)
        defer { player.close() }
        player.perform(.play(from: 0))
        #expect(events.wait { $0.contains { if case .failed = $0 { true } else { false } } })
        Thread.sleep(forTimeInterval: 0.5)
        let failures = events.failures
        #expect(failures.count == 1, "\(events.all)")
        #expect(failures.first?.contains("cannot play not-audio.mp3") == true, "\(failures)")
        // mpv is ended with it.
        let pid = try #require(player.processID)
        #expect(waitUntil { kill(pid, 0) != 0 })
    }

    @Test func missingMPVSaysHowToInstallIt() {
        var configuration = Self.configuration()
        configuration.searchPath = "/nonexistent-folder"
        let events = EventRecorder()
        let player = MPVPlayer(path: "/nowhere.mp3", configuration: configuration, events: events.record)
        defer { player.close() }
        player.perform(.play(from: 0))
        #expect(events.all == [.failed(MPVPlayer.installHint)])
        #expect(MPVPlayer.installHint.contains("apt install mpv"))
    }

    @Test func mpvDyingWhilePlayingIsOneFailure() throws {
        let audio = try SpokenAudio.make()
        let events = EventRecorder()
        let player = MPVPlayer(path: audio.audioPath, configuration: Self.configuration(), events: events.record)
        defer { player.close() }
        player.perform(.play(from: 0))
        #expect(events.waitForPosition { $0 > 0 } != nil)
        let pid = try #require(player.processID)
        kill(pid, SIGKILL)
        #expect(events.wait { !$0.compactMap { if case .failed(let why) = $0 { why } else { nil } }.isEmpty })
        #expect(events.failures == ["mpv stopped (killed by signal 9): p starts it again"])
        // Nothing is sent to a dead player, and nothing crashes.
        player.perform(.play(from: 0))
        player.perform(.speed(1.5))
    }

    @Test func closingLeavesNoProcessAndNoSocket() throws {
        let audio = try SpokenAudio.make()
        let events = EventRecorder()
        let player = MPVPlayer(path: audio.audioPath, configuration: Self.configuration(), events: events.record)
        let pid = try #require(player.processID)
        let folder = try #require(player.socketFolder)
        player.perform(.play(from: 0))
        #expect(events.wait { $0.contains(.ready) })
        // Connected: the socket and its folder are gone already.
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(folder.split(separator: "/").last?.hasPrefix("hark-mpv-") == true, "\(folder)")
        player.close()
        #expect(kill(pid, 0) != 0 && errno == ESRCH)
        #expect(events.failures.isEmpty)
        player.close()  // twice is fine
    }

    @Test func closingAtOnceLeavesNothingEither() throws {
        let audio = try SpokenAudio.make()
        let player = MPVPlayer(path: audio.audioPath, configuration: Self.configuration(), events: { _ in })
        let pid = try #require(player.processID)
        let folder = try #require(player.socketFolder)
        player.close()  // before mpv made its socket
        #expect(kill(pid, 0) != 0)
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}

func waitUntil(seconds: Double = 3, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

/// Events as they come from the player's thread, with when each came.
final class EventRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [(PlayerEvent, Date)] = []

    var record: @Sendable (PlayerEvent) -> Void { { [self] event in lock.withLock { events.append((event, Date())) } } }
    var all: [PlayerEvent] { lock.withLock { events.map(\.0) } }
    func clear() { lock.withLock { events.removeAll() } }

    var positions: [Int64] { all.compactMap { if case .position(let ms) = $0 { ms } else { nil } } }
    var latestPosition: Int64? { positions.last }
    var failures: [String] { all.compactMap { if case .failed(let why) = $0 { why } else { nil } } }

    /// Milliseconds between position reports while playing at an even pace.
    func positionGaps() -> [Int] {
        let times = lock.withLock { events.compactMap { if case .position = $0.0 { $0.1 } else { nil } } }
        return zip(times, times.dropFirst()).dropFirst(2).map { Int($1.timeIntervalSince($0) * 1000) }
    }

    func wait(seconds: Double = 5, _ condition: ([PlayerEvent]) -> Bool) -> Bool {
        waitUntil(seconds: seconds) { condition(all) }
    }

    func waitForPosition(seconds: Double = 5, _ condition: (Int64) -> Bool) -> Int64? {
        var found: Int64?
        _ = waitUntil(seconds: seconds) {
            found = positions.last(where: condition)
            return found != nil
        }
        return found
    }
}
