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
        var scanner = ParagraphScanner(transcript)
        scanner.advance(throughSegment: transcript.segments.count - 1)
        return scanner.paragraphs
    }

    static func make(_ transcript: Transcript, _ range: Range<Int>) -> Paragraph {
        Paragraph(
            segments: range,
            start: transcript.start(of: range.lowerBound),
            end: latestEnd(transcript, range),
            speaker: transcript.speaker(of: range.lowerBound),
            startsTurn: transcript.startsTurn(at: range.lowerBound))
    }

    private static func latestEnd(_ transcript: Transcript, _ range: Range<Int>) -> Milliseconds {
        var latest = transcript.end(of: range.lowerBound)
        for index in range where transcript.end(of: index) > latest { latest = transcript.end(of: index) }
        return latest
    }

    static func endsSentence(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = text.count - 1
        // Closing quotes and brackets may follow the full stop.
        while k >= 0, text[k] == 0x22 || text[k] == 0x27 || text[k] == 0x29 || text[k] == 0x5D { k -= 1 }
        guard k >= 0 else { return false }
        return text[k] == 0x2E || text[k] == 0x3F || text[k] == 0x21
    }
}

/// Finds paragraphs from the start of a transcript as far as asked, and
/// carries on from there when asked again: a reader shows the first screen
/// of a 1,000-hour transcript without waiting for the rest. Each break depends
/// only on what came before it, so the paragraphs found so far are final.
public struct ParagraphScanner: Sendable {
    public let transcript: Transcript
    public private(set) var paragraphs: [Paragraph] = []
    /// The first segment of the paragraph being built, its words so far, and
    /// the next segment to look at.
    private var first = 0
    private var words = 0
    private var next = 0
    private var previousIsNonSpeech = false

    public init(_ transcript: Transcript) { self.transcript = transcript }

    public var isComplete: Bool { next >= transcript.segments.count && first >= next }

    /// Scans until `segment` is inside a finished paragraph (or the transcript ends).
    public mutating func advance(throughSegment segment: Int) {
        let count = transcript.segments.count
        guard count > 0 else { return }
        let store = transcript.store
        store.withText { text in
            while next < count && (paragraphs.last.map { $0.segments.upperBound <= segment } ?? true) {
                let index = next
                let range = store.textRange(of: index)
                let segmentText = UnsafeBufferPointer(rebasing: text[range])
                let nonSpeech = NonSpeech.isMarker(segmentText)
                if index > first {
                    let pause = store.starts[index] - store.ends[index - 1]
                    let previousText = UnsafeBufferPointer(rebasing: text[store.textRange(of: index - 1)])
                    let sentenceDone = words >= Paragraphs.targetWords && Paragraphs.endsSentence(previousText)
                    if transcript.startsTurn(at: index) || pause >= Paragraphs.pauseBreak || sentenceDone
                        || words >= Paragraphs.maximumWords || nonSpeech || previousIsNonSpeech
                    {
                        paragraphs.append(Paragraphs.make(transcript, first..<index))
                        first = index
                        words = 0
                    }
                }
                words += WordCounter.count(in: segmentText)
                previousIsNonSpeech = nonSpeech
                next += 1
            }
        }
        if next >= count && first < count {
            paragraphs.append(Paragraphs.make(transcript, first..<count))
            first = count
        }
    }

    /// The paragraph that starts at `first`, found without looking before it:
    /// every break depends only on the paragraph's own segments.
    public static func paragraph(startingAt first: Int, in transcript: Transcript) -> Range<Int> {
        let count = transcript.segments.count
        guard first < count else { return first..<first }
        let store = transcript.store
        return store.withText { text in
            var words = 0
            var previousIsNonSpeech = false
            var index = first
            while index < count {
                let segmentText = UnsafeBufferPointer(rebasing: text[store.textRange(of: index)])
                let nonSpeech = NonSpeech.isMarker(segmentText)
                if index > first {
                    let pause = store.starts[index] - store.ends[index - 1]
                    let previousText = UnsafeBufferPointer(rebasing: text[store.textRange(of: index - 1)])
                    let sentenceDone = words >= Paragraphs.targetWords && Paragraphs.endsSentence(previousText)
                    if transcript.startsTurn(at: index) || pause >= Paragraphs.pauseBreak || sentenceDone
                        || words >= Paragraphs.maximumWords || nonSpeech || previousIsNonSpeech
                    {
                        return first..<index
                    }
                }
                words += WordCounter.count(in: segmentText)
                previousIsNonSpeech = nonSpeech
                index += 1
            }
            return first..<count
        }
    }

    /// The nearest segment at or before `segment` where a paragraph must
    /// start whatever came before: the first segment, a turn, a segment after
    /// a pause, non-speech or a segment after it.
    public static func hardBreak(atOrBefore segment: Int, in transcript: Transcript) -> Int {
        let store = transcript.store
        return store.withText { text in
            var index = min(segment, transcript.segments.count - 1)
            while index > 0 {
                if transcript.startsTurn(at: index) || store.starts[index] - store.ends[index - 1] >= Paragraphs.pauseBreak
                    || NonSpeech.isMarker(UnsafeBufferPointer(rebasing: text[store.textRange(of: index)]))
                    || NonSpeech.isMarker(UnsafeBufferPointer(rebasing: text[store.textRange(of: index - 1)]))
                {
                    return index
                }
                index -= 1
            }
            return 0
        }
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
