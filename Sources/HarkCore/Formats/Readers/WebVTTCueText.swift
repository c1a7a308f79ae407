import Glibc

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
        /// The line of the file the cue text starts on.
        private var firstLine = 0
        private var decoded: [UInt8] = []

        mutating func removeAll() { raw.removeAll(keepingCapacity: true) }

        mutating func appendLine(_ line: Bytes, number: Int) {
            if raw.isEmpty { firstLine = number } else { raw.append(0x0A) }
            raw.append(contentsOf: line)
        }

        /// Sets the cue's lines and speaker from the text collected. Each
        /// line of text keeps the number of the file's line it starts on,
        /// even when a tag swallowed a line break before it.
        mutating func parse(into cue: inout CaptionAssembler.Cue) {
            decoded.removeAll(keepingCapacity: true)
            var speaker: String?
            var line = firstLine
            var outputLine = firstLine
            /// The voice a line of text starts in: a new voice on a later
            /// line is another speaker's turn (see `CaptionAssembler`).
            var lineVoice: String?
            /// Inside `<rt>`: ruby text annotates the base text, it is not said.
            var inRubyText = false
            raw.withUnsafeBufferPointer { text in
                guard let base = text.baseAddress else { return }
                let n = text.count
                func find(_ byte: Int32, from: Int, to: Int) -> Int? {
                    memchr(base + from, byte, to - from).map {
                        UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base
                    }
                }
                var i = 0
                while i < n {
                    let lt = find(0x3C /* < */, from: i, to: n)
                    let runEnd = lt ?? n
                    // Text up to the tag, a line at a time.
                    while i < runEnd {
                        let lineEnd = find(0x0A, from: i, to: runEnd)
                        if !inRubyText {
                            HTMLCharacterReferences.decode(Bytes(rebasing: text[i..<(lineEnd ?? runEnd)]), into: &decoded)
                        }
                        guard let lineEnd else {
                            i = runEnd
                            break
                        }
                        cue.lines.append(decoded, number: outputLine, voice: lineVoice)
                        decoded.removeAll(keepingCapacity: true)
                        lineVoice = nil
                        line += 1
                        outputLine = line
                        i = lineEnd + 1
                    }
                    guard let lt else { break }
                    let tagEnd = find(0x3E /* > */, from: lt + 1, to: n) ?? n
                    let tag = Bytes(rebasing: text[(lt + 1)..<tagEnd])
                    if let voice = Self.voiceName(tag) {
                        if speaker == nil { speaker = voice }
                        if decoded.isEmpty { lineVoice = voice }
                    }
                    if tag.hasPrefix("rt") && (tag.count == 2 || !ByteClass.isAlphanumeric(tag[2])) {
                        inRubyText = true
                    } else if tag.hasPrefix("/rt") || tag.hasPrefix("/ruby") {
                        inRubyText = false
                    }
                    // A line break inside a tag ends no line of text.
                    line += tag.lazy.filter { $0 == 0x0A }.count
                    if decoded.isEmpty { outputLine = line }
                    i = tagEnd + 1
                }
            }
            cue.lines.append(decoded, number: outputLine, voice: lineVoice)
            cue.speaker = speaker
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
