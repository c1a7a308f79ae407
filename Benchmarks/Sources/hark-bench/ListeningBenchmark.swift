import Foundation
import HarkAudio
import HarkCore
import HarkReader
import MPVBackend
import ReaderScreens
import ReaderState
import TerminalKit

/// How closely the highlighted segment follows the audio: the real mpv
/// (no sound: `--ao=null`) plays a tone under a transcript of half-second
/// segments; the player's events go into a reader state, each followed by a
/// frame, as on the loop; at random moments mpv is asked its own `time-pos`
/// and compared with the position and segment the state shows then.
/// Baseline, in the same run: the same with mpv's own notifications of
/// `time-pos` instead of asking it every 20 ms.
enum ListeningBenchmark {
    struct Row {
        var name: String
        var samples: Int
        /// How far the shown position is behind mpv's, in milliseconds of listening (wall time).
        var lags: [Double]
        /// Samples whose highlighted segment was the one being played.
        var rightSegment: Int
        /// Milliseconds between the positions the reader was given.
        var reportGaps: [Double] = []

        func lag(_ quantile: Double) -> Double { Self.quantile(lags, quantile) }
        func gap(_ quantile: Double) -> Double { Self.quantile(reportGaps, quantile) }

        static func quantile(_ values: [Double], _ quantile: Double) -> Double {
            guard !values.isEmpty else { return .nan }
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * quantile))]
        }
    }

    static let segmentMilliseconds: Int64 = 500
    static let seconds = 40

    static func run(data: String, samplesPerRun: Int = 300) throws -> [Row]? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/mpv"),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/sox")
        else { return nil }
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let audio = data + "/listening-tone.wav"
        if !FileManager.default.fileExists(atPath: audio) {
            let status = try Measure.status(
                "/usr/bin/sox", ["-n", "-r", "22050", "-c", "1", audio, "synth", "\(seconds)", "sine", "440"])
            precondition(status == 0, "sox could not make \(audio)")
        }
        let segments = (0..<Int64(seconds) * 1000 / segmentMilliseconds).map { k in
            Segment(start: k * segmentMilliseconds, end: (k + 1) * segmentMilliseconds, text: "Segment \(k) of the tone.")
        }
        let transcript = Transcript(source: data + "/listening-tone.srt", format: .srt, segments: segments)
        var polled = MPVPlayer.Configuration()
        polled.extraOptions = ["--ao=null"]
        var observed = polled
        observed.pollMilliseconds = nil
        return [
            measure("mpv's notifications only (baseline), 1.0×", observed, speed: 1.0, transcript, audio, samplesPerRun),
            measure("asked every 20 ms (hark), 1.0×", polled, speed: 1.0, transcript, audio, samplesPerRun),
            measure("asked every 20 ms (hark), 2.0×", polled, speed: 2.0, transcript, audio, samplesPerRun),
        ]
    }

    /// The state as the loop keeps it, behind a lock: the player's thread
    /// stands in for the loop here.
    final class Reader: @unchecked Sendable {
        private let lock = NSLock()
        private var state: ReaderState
        private var positionTimes: [UInt64] = []

        init(_ state: ReaderState) { self.state = state }

        func handle(_ event: ReaderEvent) -> [Effect] {
            lock.withLock {
                if case .player(_, .position) = event { positionTimes.append(DispatchTime.now().uptimeNanoseconds) }
                let effects = state.handle(event)
                _ = ReaderScreen.render(state)  // the frame the loop would draw
                return effects
            }
        }

        var shown: (position: Int64?, segment: Int?) { lock.withLock { (state.audio?.position, state.playingSegment) } }
        var id: DocumentID { lock.withLock { state.document.id } }
        var reportGaps: [Double] {
            lock.withLock { zip(positionTimes, positionTimes.dropFirst()).dropFirst(3).map { Double($1 - $0) / 1e6 } }
        }
    }

    static func measure(
        _ name: String, _ configuration: MPVPlayer.Configuration, speed: Double, _ transcript: Transcript, _ audio: String,
        _ samples: Int
    ) -> Row {
        let document = CachedDocument(transcript, id: DocumentID(1), audioPath: audio)
        let reader = Reader(
            ReaderState.opening(
                document, files: [transcript.source], size: Size(width: 200, height: 60), colorSupport: .extended
            ).0)
        let id = reader.id
        let player = MPVPlayer(path: audio, configuration: configuration) { event in _ = reader.handle(.player(id, event)) }
        defer { player.close() }
        var effects: [Effect] = []
        for _ in 0..<Int(((speed - 1) * 10).rounded()) { effects = reader.handle(.key(.character(">"))) }
        effects = reader.handle(.key(.character("p")))
        for case .player(_, _, let command) in effects { player.perform(command) }
        // Playing, and reported at least once.
        let deadline = Date().addingTimeInterval(10)
        while reader.shown.position ?? 0 < 300 && Date() < deadline { usleep(5000) }
        var generator = SystemRandomNumberGenerator()
        var row = Row(name: name, samples: 0, lags: [], rightSegment: 0)
        // Samples spread over at most a little less than the tone's length.
        let spacing = Double(seconds - 4) * 1000 / speed / Double(samples)
        for _ in 0..<samples {
            usleep(UInt32(Double.random(in: 0.5...1.5, using: &generator) * spacing * 1000))
            // What the reader shows first, then mpv's answer (a tenth of a millisecond later): asking
            // mpv makes it send the notifications it holds, which must not count as shown already.
            let shown = reader.shown
            guard let truth = player.currentPosition(), let position = shown.position else { continue }
            row.samples += 1
            row.lags.append(max(0, Double(truth - position)) / speed)
            if shown.segment == transcript.segmentIndex(at: truth) { row.rightSegment += 1 }
        }
        row.reportGaps = reader.reportGaps
        return row
    }
}
