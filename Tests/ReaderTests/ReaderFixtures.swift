import HarkCore
import HarkTestSupport
import HarkTopics
import ReaderState
import TerminalKit

/// States to test with.
enum Fixtures {
    static let sampleTranscript: Transcript = try! TestSupport.sample()

    /// The sample with the topics of its topics file, as `hark` opens it.
    static let sampleDefinitions: [TopicDefinition] = try! TopicsFile.load(
        path: TestSupport.samplePath.replacingOccurrences(of: ".whisper.txt", with: ".topics.toml"))

    /// The sample as the reader shows it once its topics are found
    /// (`topicsFound: false`, while they are still being found).
    static func sampleState(width: Int = 100, height: Int = 30, colors: Bool = true, topicsFound: Bool = true) -> ReaderState {
        let document = ReaderDocument(sampleTranscript, topicDefinitions: sampleDefinitions)
        if topicsFound { document.waitForBackgroundWork() }
        return ReaderState(document: document, files: [TestSupport.samplePath], size: Size(width: width, height: height), colors: colors)
    }

    /// A small conversation with named speakers, a marked change, non-speech,
    /// wide characters and combining marks.
    static let conversation = Transcript(source: "talk.json", format: .diarizedJSON, segments: [
        Segment(start: 0, end: 2000, text: "[MUSIC]"),
        Segment(start: 2000, end: 6000, speaker: "Sarah", text: "Welcome to the show about large language models."),
        Segment(start: 6000, end: 9000, speaker: "Sarah", text: "Today we talk about structured data."),
        Segment(start: 9000, end: 12000, speaker: "Lukas", text: "Thanks. I spent a year in 東京 at a café, naïve as I was."),
        Segment(start: 12000, end: 15000, speaker: "Lukas", text: "Language"),
        Segment(start: 15000, end: 18000, speaker: "Lukas", text: "models everywhere, and e\u{301}lan."),
        Segment(start: 20500, end: 24000, text: "Somebody else cuts in.", speakerChange: true),
    ])

    static func conversationState(width: Int = 80, height: Int = 20, colors: Bool = true) -> ReaderState {
        let document = ReaderDocument(conversation)
        document.waitForBackgroundWork()
        return ReaderState(document: document, files: ["talk.json"], size: Size(width: width, height: height), colors: colors)
    }
}

extension ReaderState {
    /// Presses keys, returning the effects of the last one.
    @discardableResult
    mutating func press(_ keys: KeyPress...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects = handle(.key(key)) }
        return effects
    }

    /// Types text, one character a key.
    mutating func type(_ text: String) {
        for character in text { _ = handle(.key(.character(character))) }
    }
}
