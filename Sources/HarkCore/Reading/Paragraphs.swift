/// Readable paragraphs made of consecutive segments. No segment is split or
/// dropped, so every word keeps its segment's time.
public struct Paragraph: Equatable, Sendable {
    public var segments: Range<Int>
    public var start: Milliseconds
    public var end: Milliseconds
    /// The speaker of the first segment, when the source names one.
    public var speaker: String?
    /// The paragraph opens a speaker's turn (named or only marked).
    public var startsTurn: Bool
}

public enum Paragraphs {
    /// A pause this long between segments starts a new paragraph.
    public static let pauseBreak: Milliseconds = 2500
    /// After this many words a paragraph ends with the sentence that passes it…
    public static let targetWords = 80
    /// …or, in text with no sentence ends, at the next segment after this many.
    public static let maximumWords = 160

    /// Breaks come at a change of speaker, at a pause of 2.5 s or more, after
    /// the sentence that passes about 80 words, and around non-speech such as
    /// `[MUSIC]`, which stands alone.
    public static func of(_ transcript: Transcript) -> [Paragraph] {
        let store = transcript.store
        let count = store.count
        guard count > 0 else { return [] }
        var paragraphs: [Paragraph] = []
        paragraphs.reserveCapacity(count / 4 + 1)
        store.withText { text in
            var first = 0
            var words = 0
            var previousIsNonSpeech = false
            for index in 0..<count {
                let range = store.textRange(of: index)
                let segmentText = UnsafeBufferPointer(rebasing: text[range])
                let nonSpeech = NonSpeech.isMarker(segmentText)
                if index > first {
                    let pause = store.starts[index] - store.ends[index - 1]
                    let previousText = UnsafeBufferPointer(rebasing: text[store.textRange(of: index - 1)])
                    let sentenceDone = words >= targetWords && endsSentence(previousText)
                    if transcript.startsTurn(at: index) || pause >= pauseBreak || sentenceDone
                        || words >= maximumWords || nonSpeech || previousIsNonSpeech
                    {
                        paragraphs.append(make(transcript, first..<index))
                        first = index
                        words = 0
                    }
                }
                words += WordCounter.count(in: segmentText)
                previousIsNonSpeech = nonSpeech
            }
            paragraphs.append(make(transcript, first..<count))
        }
        return paragraphs
    }

    private static func make(_ transcript: Transcript, _ range: Range<Int>) -> Paragraph {
        Paragraph(
            segments: range,
            start: transcript.start(of: range.lowerBound),
            end: (range.lowerBound..<range.upperBound).map { transcript.end(of: $0) }.max()!,
            speaker: transcript.speaker(of: range.lowerBound),
            startsTurn: transcript.startsTurn(at: range.lowerBound))
    }

    private static func endsSentence(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = text.count - 1
        // Closing quotes and brackets may follow the full stop.
        while k >= 0, text[k] == 0x22 || text[k] == 0x27 || text[k] == 0x29 || text[k] == 0x5D { k -= 1 }
        guard k >= 0 else { return false }
        return text[k] == 0x2E || text[k] == 0x3F || text[k] == 0x21
    }
}

/// Non-speech markers: a segment that is only `[MUSIC]`, `(upbeat music)`,
/// `[LAUGH]` and the like. The reader dims them; paragraphs set them apart.
public enum NonSpeech {
    public static func isMarker(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { isMarker($0) }
    }

    static func isMarker(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= 3 else { return false }
        var i = 0
        var sawGroup = false
        while i < text.count {
            let open = text[i]
            if open == 0x20 { i += 1; continue }
            let close: UInt8
            switch open {
            case 0x5B: close = 0x5D  // [ ]
            case 0x28: close = 0x29  // ( )
            case 0x2A: close = 0x2A  // * *
            case 0xE2 where i + 2 < text.count && text[i + 1] == 0x99:  // ♪ ♫ …
                i += 3; sawGroup = true; continue
            default: return false
            }
            var j = i + 1
            while j < text.count, text[j] != close { j += 1 }
            guard j < text.count, j > i + 1 else { return false }
            i = j + 1
            sawGroup = true
        }
        return sawGroup
    }
}
