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
    /// `[MUSIC]`, which stands alone. In a format whose segments are already
    /// an editor's paragraphs (edited Markdown), each segment is a paragraph.
    public static func of(_ transcript: Transcript) -> [Paragraph] {
        var paragraphs: [Paragraph] = []
        var start = 0
        while start < transcript.segments.count {
            let range = paragraph(startingAt: start, in: transcript)
            paragraphs.append(make(transcript, range))
            start = range.upperBound
        }
        return paragraphs
    }

    /// The paragraph that starts at `first`. Where a paragraph ends depends
    /// only on its own segments, so a reader can find any paragraph without
    /// looking at what came before it (see `hardBreak(atOrBefore:in:)`).
    public static func paragraph(startingAt first: Int, in transcript: Transcript) -> Range<Int> {
        let count = transcript.segments.count
        guard first < count else { return first..<first }
        let store = transcript.store
        return store.withText { text in
            var words = 0
            var index = first
            // The last segment with text so far: segments without text join
            // the paragraph they follow and never end a sentence.
            var spoken: Int?
            while index < count {
                let range = store.textRange(of: index)
                if let spoken, !range.isEmpty {
                    let previousText = UnsafeBufferPointer(rebasing: text[store.textRange(of: spoken)])
                    let sentenceDone = words >= targetWords && endsSentence(previousText)
                    if sentenceDone || words >= maximumWords || isHardBreak(at: index, after: spoken, range, transcript, text) {
                        return first..<index
                    }
                }
                if !range.isEmpty {
                    words += WordCounter.count(in: UnsafeBufferPointer(rebasing: text[range]))
                    spoken = index
                }
                index += 1
            }
            return first..<count
        }
    }

    /// The nearest segment at or before `segment` where a paragraph starts
    /// whatever came before it.
    public static func hardBreak(atOrBefore segment: Int, in transcript: Transcript) -> Int {
        transcript.store.withText { text in
            var index = min(segment, transcript.segments.count - 1)
            while index > 0 && !isHardBreak(at: index, transcript, text) { index -= 1 }
            return max(0, index)
        }
    }

    /// A break that does not depend on the paragraph so far: a turn, a pause,
    /// non-speech, or the segment after non-speech. Only a segment with text
    /// after one with text can start a paragraph (an empty WebVTT cue joins
    /// the paragraph before it), and the pause is the one since the last
    /// segment with text ended: a paragraph of no text is never made.
    private static func isHardBreak(at index: Int, _ transcript: Transcript, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = transcript.store.textRange(of: index)
        guard !range.isEmpty, let previous = transcript.previousSegmentWithText(before: index) else { return false }
        return isHardBreak(at: index, after: previous, range, transcript, text)
    }

    /// The same for a segment with text (`range`), `previous` being the
    /// last segment with text before it.
    private static func isHardBreak(
        at index: Int, after previous: Int, _ range: Range<Int>, _ transcript: Transcript, _ text: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let store = transcript.store
        return transcript.format.segmentsAreParagraphs || transcript.startsTurn(at: index, after: previous)
            || store.starts[index] - store.ends[previous] >= pauseBreak
            || NonSpeech.isMarker(UnsafeBufferPointer(rebasing: text[range]))
            || NonSpeech.isMarker(UnsafeBufferPointer(rebasing: text[store.textRange(of: previous)]))
    }

    /// The paragraph's time, speaker and turn are its first text's (the
    /// first paragraph may open with segments that have none).
    static func make(_ transcript: Transcript, _ range: Range<Int>) -> Paragraph {
        let first = transcript.nearestSegmentWithText(from: range.lowerBound)
        let opening = range.contains(first) ? first : range.lowerBound
        return Paragraph(
            segments: range,
            start: transcript.start(of: opening),
            end: latestEnd(transcript, range),
            speaker: transcript.speaker(of: opening),
            startsTurn: transcript.startsTurn(at: opening))
    }

    private static func latestEnd(_ transcript: Transcript, _ range: Range<Int>) -> Milliseconds {
        var latest = transcript.end(of: range.lowerBound)
        for index in range where transcript.end(of: index) > latest { latest = transcript.end(of: index) }
        return latest
    }

    package static func endsSentence(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = text.count - 1
        // Closing quotes and brackets may follow the full stop, curly ones too (” ’, E2 80 9D and 99).
        while k >= 0 {
            if text[k] == 0x22 || text[k] == 0x27 || text[k] == 0x29 || text[k] == 0x5D {
                k -= 1
            } else if k >= 2, text[k - 2] == 0xE2, text[k - 1] == 0x80, text[k] == 0x9D || text[k] == 0x99 {
                k -= 3
            } else {
                break
            }
        }
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
            if open == 0x20 {
                i += 1
                continue
            }
            let close: UInt8
            switch open {
            case 0x5B: close = 0x5D  // [ ]
            case 0x28: close = 0x29  // ( )
            case 0x2A: close = 0x2A  // * *
            case 0xE2 where i + 2 < text.count && text[i + 1] == 0x99:  // ♪ ♫ …
                i += 3
                sawGroup = true
                continue
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
