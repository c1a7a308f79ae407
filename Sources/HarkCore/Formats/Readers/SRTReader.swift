/// SRT: `1` / `00:00:01,540 --> 00:00:07,399` / text lines / blank line.
///
/// A cue starts at each timing line, whatever came before: so missing or
/// out-of-order indexes, missing blank lines and blank lines inside a cue all
/// read right. The line of digits just before a timing line is the next
/// cue's index, not text.
enum SRTReader {
    static func read(_ file: SourceFile, into builder: inout TranscriptBuilder) throws {
        var cues: [CaptionCue] = []
        var current: CaptionCue?
        /// Text lines of the current cue, each with whether a blank line came before it.
        var pendingLines: [(text: String, afterBlank: Bool)] = []
        var afterBlank = true
        var skippingBadCue = false
        var strayLine: Int?

        func finishCue() {
            guard var cue = current else { return }
            if let last = pendingLines.last, last.text.utf8.allSatisfy(ByteClass.isDigit),
                last.afterBlank || pendingLines.count > 1
            {
                pendingLines.removeLast()
            }
            cue.lines = pendingLines.map { SubtitleMarkup.strip($0.text) }
            cues.append(cue)
            current = nil
            pendingLines = []
        }

        try file.forEachLine { raw, number in
            let line = raw.trimmingSpaces()
            if line.isEmpty {
                afterBlank = true
                return
            }
            defer { afterBlank = false }
            switch TimingLine.parse(line) {
            case .timing(let timing):
                finishCue()
                skippingBadCue = false
                current = CaptionCue(start: timing.start, end: timing.end, line: number, lines: [])
            case .invalid(let failure):
                finishCue()
                skippingBadCue = true
                builder.warn(failure == .outOfRange ? .timeOutOfRange : .malformedTimestamp, line: number)
            case .notTiming:
                if current != nil {
                    pendingLines.append((line.string, afterBlank))
                } else if !skippingBadCue && !line.isAllDigits && strayLine == nil {
                    strayLine = number
                }
            }
        }
        for line in file.cutLines { builder.warn(.lineTooLong, line: line) }
        finishCue()
        if let strayLine { builder.warn(.notASegment, line: strayLine) }
        CaptionCue.commit(cues, into: &builder)
    }
}

/// Markup found in SRT text: `<i>`, `<b>`, `<u>`, `<s>`, `<font …>` tags and
/// ASS override blocks such as `{\an8}`. Other text in angle brackets stays.
enum SubtitleMarkup {
    private static let tagNames: Set<String> = ["i", "b", "u", "s", "font"]

    static func strip(_ text: String) -> String {
        guard text.contains("<") || text.contains("{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let c = rest.first {
            if c == "{", rest.dropFirst().first == "\\", let close = rest.firstIndex(of: "}") {
                rest = rest[rest.index(after: close)...]
                continue
            }
            if c == "<", let close = rest.firstIndex(of: ">") {
                var name = rest[rest.index(after: rest.startIndex)..<close]
                if name.first == "/" { name = name.dropFirst() }
                let tag = name.prefix { $0.isLetter }.lowercased()
                let attributes = name.dropFirst(tag.count)
                // `<i>`, `</i>`, `<font color=…>`; not `a <b and c> d` in prose.
                if tagNames.contains(tag), attributes.isEmpty || (tag == "font" && attributes.first == " ") {
                    rest = rest[rest.index(after: close)...]
                    continue
                }
            }
            out.append(c)
            rest = rest.dropFirst()
        }
        return out
    }
}
