/// One timed stretch of speech as the source file gave it.
public struct Segment: Equatable, Hashable, Sendable {
    public var start: Milliseconds
    public var end: Milliseconds
    /// The speaker's name when the source names one.
    public var speaker: String?
    public var text: String
    /// True when the source marks a change of speaker here without naming the
    /// speaker (`>>` in whisper text, ` [SPEAKER_TURN]` on the previous segment,
    /// a `- ` dialogue dash in captions).
    public var speakerChange: Bool
    /// The 1-based line of the source file the segment came from (0 when the
    /// source has no lines to speak of).
    public var line: Int
    /// True when the file gave no time for this segment and hark estimated
    /// its start (see `TimeEstimator`); shown as `~0:07:42`.
    public var estimated: Bool

    public init(
        start: Milliseconds, end: Milliseconds, speaker: String? = nil, text: String,
        speakerChange: Bool = false, line: Int = 0, estimated: Bool = false
    ) {
        self.start = start
        self.end = end
        self.speaker = speaker
        self.text = text
        self.speakerChange = speakerChange
        self.line = line
        self.estimated = estimated
    }

    public var duration: Milliseconds { end - start }
}
