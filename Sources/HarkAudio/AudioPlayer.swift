/// What the reader asks of an audio player. Times are milliseconds from
/// the start of the audio, as the transcript's are.
public enum PlayerCommand: Equatable, Sendable {
    /// Plays from `from`, or from where it paused when nil.
    case play(from: Int64?)
    case pause
    /// Moves to `to`, playing on if it was playing.
    case seek(to: Int64)
    /// Playback speed, 1 being as recorded.
    case speed(Double)
}

/// What a player reports, one event at a time.
public enum PlayerEvent: Equatable, Sendable {
    /// The file is open and the commands sent so far are carried out.
    case ready
    /// Where it is playing now (reported often while it plays).
    case position(Int64)
    /// It paused (true) or plays (false).
    case paused(Bool)
    /// It reached the end of the audio.
    case ended
    /// It cannot go on: why, in one line for the status bar. A player that
    /// failed does nothing more; a new one is made for the next command.
    case failed(String)
}

/// A player for one audio file. Commands return at once; what happens is
/// reported to the `events` callback the player was made with, from a
/// thread of the player's own.
public protocol AudioPlayer: AnyObject, Sendable {
    func perform(_ command: PlayerCommand)
    /// Ends the player for good (its process too) and waits until it has ended.
    func close()
}

/// Makes a player for an audio file, reporting to `events`.
public typealias AudioPlayerFactory =
    @Sendable (_ path: String, _ events: @escaping @Sendable (PlayerEvent) -> Void) ->
    any AudioPlayer
