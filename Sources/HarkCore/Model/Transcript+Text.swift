/// Safe access to the continuous text for code outside the core (the
/// reader's wrapping and drawing): byte offsets in, strings and word ranges
/// out, so that no unsafe buffer leaves this module.
extension Transcript {
    /// The bytes `range` of the continuous text, decoded (a cut through a
    /// character gives U+FFFD, as any UTF-8 decoding does).
    public func string(ofBytes range: Range<Int>) -> String {
        store.withText { text in
            let clamped = range.clamped(to: 0..<text.count)
            return String(decoding: UnsafeBufferPointer(rebasing: text[clamped]), as: UTF8.self)
        }
    }

    /// Each word of `range` (the runs between single spaces), with whether it
    /// is all ASCII (then its display width is its length), in order.
    public func forEachWord(inBytes range: Range<Int>, _ body: (_ word: Range<Int>, _ isASCII: Bool) -> Void) {
        store.withText { text in
            let clamped = range.clamped(to: 0..<text.count)
            var position = clamped.lowerBound
            while position < clamped.upperBound {
                var end = position
                var ascii = true
                while end < clamped.upperBound && text[end] != 0x20 {
                    if text[end] >= 0x80 { ascii = false }
                    end += 1
                }
                body(position..<end, ascii)
                position = end + 1
            }
        }
    }

    /// Words in `range` of the continuous text, as `wc -w` counts them.
    public func wordCount(in range: Range<Int>) -> Int {
        store.withText { text in WordCounter.count(in: UnsafeBufferPointer(rebasing: text[range.clamped(to: 0..<text.count)])) }
    }

    /// The length of the continuous text in bytes.
    public var continuousTextLength: Int { store.withText { $0.count } }
}

extension Transcript {
    /// The first offset at or after `offset` where a UTF-8 character starts
    /// (or the end of the text): cutting there never splits a character.
    public func characterBoundary(atOrAfter offset: Int) -> Int {
        store.withText { text in
            var position = max(0, min(offset, text.count))
            while position < text.count && text[position] & 0xC0 == 0x80 { position += 1 }
            return position
        }
    }
}
