import Foundation

extension WebVTTReader {
    /// The text of a cue, collected line by line, then read as the
    /// specification's cue text parser reads it: a tag runs from `<` to the
    /// next `>` or to the end of the whole cue text, across line breaks, and
    /// goes (`<c.x>`, `<i>`, `<ruby>`, `<00:00:01.000>`, anything else);
    /// the first voice span's annotation names the speaker (`<v Name>`,
    /// `<v.loud Name>`, unclosed too); character references are decoded as
    /// HTML decodes them. The buffers are reused from cue to cue.
    struct CueText {
        private var raw: [UInt8] = []
        private var decoded: [UInt8] = []

        mutating func removeAll() { raw.removeAll(keepingCapacity: true) }

        mutating func appendLine(_ line: Bytes) {
            if !raw.isEmpty { raw.append(0x0A) }
            raw.append(contentsOf: line)
        }

        /// Sets the cue's lines and speaker from the text collected.
        mutating func parse(into cue: inout CaptionAssembler.Cue) {
            decoded.removeAll(keepingCapacity: true)
            var speaker: String?
            raw.withUnsafeBufferPointer { text in
                guard let base = text.baseAddress else { return }
                let n = text.count
                var i = 0
                while i < n {
                    let next = memchr(base + i, 0x3C /* < */, n - i).map {
                        UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base
                    }
                    let runEnd = next ?? n
                    if runEnd > i { HTMLCharacterReferences.decode(Bytes(rebasing: text[i..<runEnd]), into: &decoded) }
                    guard let lt = next else { break }
                    let close = memchr(base + lt + 1, 0x3E /* > */, n - lt - 1).map {
                        UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base
                    }
                    let tagEnd = close ?? n
                    if speaker == nil { speaker = Self.voiceName(Bytes(rebasing: text[(lt + 1)..<tagEnd])) }
                    i = tagEnd + 1
                }
            }
            cue.speaker = speaker
            decoded.withUnsafeBufferPointer { text in
                guard let base = text.baseAddress else { return }
                var start = 0
                while let hit = memchr(base + start, 0x0A, text.count - start) {
                    let end = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                    cue.lines.append(Bytes(rebasing: text[start..<end]))
                    start = end + 1
                }
                cue.lines.append(Bytes(rebasing: text[start...]))
            }
        }

        /// The annotation of a voice start tag (`v Name`, `v.loud.x Name`),
        /// whitespace trimmed and collapsed, references decoded; `nil` for
        /// any other tag or a voice without a name.
        private static func voiceName(_ tag: Bytes) -> String? {
            guard tag.first == 0x76 /* v */ else { return nil }
            var i = 1
            if i < tag.count && tag[i] == 0x2E /* . */ {
                while i < tag.count && !isWhitespace(tag[i]) { i += 1 }
            }
            guard i < tag.count, isWhitespace(tag[i]) else { return nil }
            var decoded: [UInt8] = []
            HTMLCharacterReferences.decode(Bytes(rebasing: tag[i...]), into: &decoded)
            let words = decoded.split(whereSeparator: isWhitespace)
            guard !words.isEmpty else { return nil }
            return words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
        }

        private static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0C || b == 0x0A || b == 0x0D }
    }
}
