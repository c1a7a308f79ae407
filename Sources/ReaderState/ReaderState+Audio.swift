import HarkAudio
import HarkCore

/// The transcript's audio, as the reader knows it: only from the player's
/// events (`ReaderEvent.player`), never from a clock of its own.
public struct AudioState: Equatable, Sendable {
    public var path: String
    /// A player was asked for (the first `p` starts it: opening a file never does).
    public internal(set) var started = false
    public internal(set) var playing = false
    /// Where the player last said it was.
    public internal(set) var position: Int64?
    public internal(set) var speed = 1.0
    /// The view follows the segment being spoken; moving the cursor yourself stops it.
    public internal(set) var following = true
    /// It played to the end: `p` starts again from the cursor, not on from there.
    public internal(set) var atEnd = false

    public init(path: String) { self.path = path }

    public static let slowest = 0.5
    public static let fastest = 2.0
    public static let speedStep = 0.1
}

extension ReaderState {
    /// The segment being spoken, while there is a position to speak of.
    public var playingSegment: Int? {
        guard let position = audio?.position, audio?.started == true, document.segmentCount > 0 else { return nil }
        guard let segment = transcript.segmentIndex(at: position) else { return nil }
        return segmentShown(segment, forward: true)
    }

    /// What the player said, for the document it was playing.
    mutating func heard(_ event: PlayerEvent, for id: DocumentID) -> [Effect] {
        guard id == document.id, var audio else { return [] }
        switch event {
        case .ready:
            break
        case .position(let milliseconds):
            audio.position = milliseconds
            self.audio = audio
            followPlayback()
            return []
        case .paused(let paused):
            audio.playing = !paused
        case .ended:
            audio.playing = false
            audio.atEnd = true
            message = "the audio ended: p plays again from the cursor"
        case .failed(let reason):
            audio.playing = false
            audio.started = false
            message = reason
        }
        self.audio = audio
        return []
    }

    /// Puts the cursor on the segment being spoken, when following and the
    /// user is not in the middle of something that owns the view (a prompt,
    /// a selection).
    private mutating func followPlayback() {
        guard let audio, audio.playing, audio.following, prompt == nil, selectionAnchor == nil,
            let segment = playingSegment, segment != cursor
        else { return }
        cursor = segment
        // Reading ahead needs room: a segment that runs off the bottom comes up a quarter of the way.
        if !segmentIsWhollyVisible(segment) {
            top = advance(anchor(ofSegment: segment), by: -(pageLines / 4))
            clampTop()
        }
        ensureCursorVisible()
    }

    private func segmentIsWhollyVisible(_ segment: Int) -> Bool {
        let visible = visibleLines()
        guard let first = visible.firstIndex(where: { $0.runs.contains { $0.segment == segment } }) else { return false }
        let last = visible.lastIndex { $0.runs.contains { $0.segment == segment } } ?? first
        // Wholly visible unless its last line is the screen's last and the segment goes on below.
        if last < visible.count - 1 { return true }
        let runs = visible[last].runs.filter { $0.segment == segment }
        return runs.last?.bytes.upperBound == transcript.textRange(of: segment).upperBound
    }

    // MARK: Keys

    /// What `p` and the other audio keys say when there is no audio.
    var noAudioMessage: String {
        let name = transcript.source.split(separator: "/").last.map(String.init) ?? transcript.source
        let stem = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
        return "no audio for \(name): put \(stem).mp3 (or .m4a, .wav, .ogg, …) beside it, or give --audio FILE"
    }

    /// `p`: plays from the cursor, or pauses. Resumes where it paused when
    /// the cursor is still on the segment it paused in.
    mutating func togglePlay() -> [Effect] {
        guard var audio else {
            message = noAudioMessage
            return []
        }
        if audio.playing {
            audio.playing = false
            self.audio = audio
            message = "paused" + (audio.position.map { " at " + TimeFormat.short($0) } ?? "")
            return [.player(document.id, path: audio.path, .pause)]
        }
        let resumes = audio.started && !audio.atEnd && playingSegment == cursor
        return startPlaying(from: resumes ? nil : transcript.start(of: cursor))
    }

    /// `P`: the segment being spoken (or the cursor's, when nothing plays) from its start.
    mutating func replaySegment() -> [Effect] {
        guard audio != nil else {
            message = noAudioMessage
            return []
        }
        let segment = audio?.playing == true ? playingSegment ?? cursor : cursor
        if audio?.following == true || audio?.playing != true { cursor = segment }
        return startPlaying(from: transcript.start(of: segment))
    }

    private mutating func startPlaying(from start: Int64?) -> [Effect] {
        guard var audio else { return [] }
        let firstTime = !audio.started
        var effects: [Effect] = []
        if firstTime && audio.speed != 1 { effects.append(.player(document.id, path: audio.path, .speed(audio.speed))) }
        effects.append(.player(document.id, path: audio.path, .play(from: start)))
        if firstTime {
            message = "playing: f follows the voice again after you move, P replays the segment, < > change the speed"
        }
        audio.started = true
        audio.playing = true
        audio.following = true
        audio.atEnd = false
        if let start { audio.position = start }
        self.audio = audio
        if firstTime && transcript.estimatedCount > 0 {
            message = "playing; the file has no times of its own, so the place in the text is approximate"
        }
        return effects
    }

    /// `f`: the view goes back to the segment being spoken, and follows it.
    mutating func followAgain() {
        guard var audio else {
            message = noAudioMessage
            return
        }
        guard audio.playing else {
            message = "nothing is playing: p plays from the cursor"
            return
        }
        audio.following = true
        self.audio = audio
        if let segment = playingSegment { jumpCursor(to: segment) }
    }

    /// `<` and `>`: a tenth slower or faster, from half to twice the speed.
    mutating func changeSpeed(by steps: Int) -> [Effect] {
        guard var audio else {
            message = noAudioMessage
            return []
        }
        let wanted = ((audio.speed + Double(steps) * AudioState.speedStep) * 10).rounded() / 10
        let speed = min(AudioState.fastest, max(AudioState.slowest, wanted))
        guard speed != audio.speed else {
            message = "speed \(Self.speedText(speed)) is the \(steps > 0 ? "fastest" : "slowest")"
            return []
        }
        audio.speed = speed
        self.audio = audio
        message = "speed \(Self.speedText(speed))"
        return audio.started ? [.player(document.id, path: audio.path, .speed(speed))] : []
    }

    /// `1.2×`
    public static func speedText(_ speed: Double) -> String {
        let tenths = Int((speed * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)×"
    }

    // MARK: Moves while playing

    /// After a command moved the cursor: a jump (search, `:`, a passage)
    /// takes the audio there and follows it; a move by hand (j, k, pages,
    /// the mouse) stops following, and the audio plays on.
    mutating func audioAfterMove(_ command: Command?, from before: Int) -> [Effect] {
        guard var audio, audio.playing else { return [] }
        if let command, command.seeksAudio {
            guard cursor != before else { return [] }
            return seekToCursor()
        }
        if command == nil || command?.browses == true {
            audio.following = false
            self.audio = audio
        }
        return []
    }

    /// A search or a jump typed at the prompt landed somewhere new.
    mutating func audioAfterPrompt(_ kind: Prompt.Kind, from origin: Int) -> [Effect] {
        guard audio?.playing == true, kind == .search || kind == .jump, cursor != origin else { return [] }
        return seekToCursor()
    }

    private mutating func seekToCursor() -> [Effect] {
        guard var audio else { return [] }
        let start = transcript.start(of: cursor)
        audio.following = true
        audio.position = start
        self.audio = audio
        return [.player(document.id, path: audio.path, .seek(to: start))]
    }

    /// Ctrl-Z: the audio pauses while hark is stopped, and plays on after `fg`.
    mutating func suspendEffects() -> [Effect] {
        guard let audio, audio.playing else { return [.suspend] }
        let pause = Effect.player(document.id, path: audio.path, .pause)
        return [pause, .suspend, .player(document.id, path: audio.path, .play(from: nil))]
    }
}

extension Command {
    /// Jumps that take the audio along while it plays.
    var seeksAudio: Bool {
        switch self {
        case .nextMatch, .previousMatch, .nextOccurrence, .previousOccurrence, .openSelection: true
        default: false
        }
    }

    /// Moves by hand: the view stops following the audio.
    var browses: Bool {
        switch self {
        case .nextSegment, .previousSegment, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .first, .last,
            .nextParagraph, .previousParagraph:
            true
        default: false
        }
    }

    /// Commands that mean something only with audio: their hints show only then.
    public var needsAudio: Bool {
        switch self {
        case .togglePlay, .replaySegment, .followPlayback, .slower, .faster: true
        default: false
        }
    }
}
