/// Edited Markdown transcripts, as podcast networks publish them:
///
/// ```
/// **Daniel Whitenack:** Welcome to another episode…
///
/// \[07:18\] And a second paragraph of the same turn.
///
/// **Chris Benson:** \[00:07:20.16\] Thanks. \[laughter\]
/// ```
///
/// - A paragraph (lines up to a blank line) is a segment. It opens a turn
///   with `**Name:**` or `**Name**:`; a paragraph without one continues the
///   turn before it (same speaker). hark's own Markdown export, `**[0:01:02]**
///   **Name:**` and `**\>\>**` (a change of speaker, no name), reads back too.
/// - A stamp at the start of a paragraph, before or after the name, is its
///   time: `\[07:18\]`, `\[00:07:18.16\]` (hours and hundredths optional), or
///   `[07:18]`, bold or not (`[~07:18]`, hark's mark of an estimate, is
///   estimated again). Paragraphs without one get estimated times
///   (`TimeEstimator`), so a stamp every few minutes is enough.
/// - A stamp with no words after it, `**Break:** \[03:00\]` (a sponsor
///   break) or `\[03:00\]` alone, is a time between paragraphs: no
///   segment, no warning, but the paragraphs before it are estimated to end
///   by it and those after to start from it.
/// - A name over no words (`**Break:**`, stamped or not) is nobody's turn:
///   an unnamed paragraph after it continues the turn before it.
/// - In the text, Markdown's backslash escapes are removed (`\[laughter\]`
///   is `[laughter]`) and links keep their text (`[site](https://…)` is
///   `site`); emphasis marks are kept as written.
/// - Headings (`# …`), thematic breaks (`---`) and front matter (`---` …
///   `---` opening the file) are not speech and are skipped.
enum MarkdownTranscriptReader {
    /// What opens a paragraph: a time and a speaker label, either optional.
    struct Head: Equatable {
        enum Label: Equatable {
            case speaker(String)
            /// `**>>**`: a change of speaker, no name.
            case change
        }
        /// The time read from the paragraph's stamp.
        var time: Milliseconds?
        var label: Label?
        /// Where the paragraph's text starts in the line, in bytes.
        var textOffset: Int
        /// A stamp opens the paragraph, read or marked `~` as an estimate.
        var stamped = false
        /// The stamp has minutes or seconds past 59: its time is estimated.
        var outOfRange = false
    }

    static func read(_ file: SourceFile, into builder: inout TranscriptBuilder) throws {
        var speaker: String?
        var open: (head: Head, line: Int)?
        var inFrontMatter = false
        var sawContent = false
        var text: [UInt8] = []
        func commitParagraph() {
            guard let paragraph = open else { return }
            let turnBefore = speaker
            var speakerChange = false
            switch paragraph.head.label {
            case .speaker(let name): speaker = name
            case .change:
                speaker = nil
                speakerChange = true
            case nil: break
            }
            let kept = builder.commitSegment(
                start: paragraph.head.time ?? 0, end: nil, speaker: speaker, speakerChange: speakerChange, line: paragraph.line,
                estimated: paragraph.head.time == nil, marksTimeWhenEmpty: paragraph.head.stamped)
            // A name over no words (`**Break:** \[03:00\]`) is nobody's turn.
            if !kept, case .speaker = paragraph.head.label { speaker = turnBefore }
            open = nil
        }
        try file.forEachLine { line, number in
            let trimmed = line.trimmingSpaces()
            if inFrontMatter {
                if trimmed.elementsEqual("---".utf8) || trimmed.elementsEqual("...".utf8) { inFrontMatter = false }
                return
            }
            defer { sawContent = sawContent || !trimmed.isEmpty }
            if trimmed.isEmpty {
                commitParagraph()
                return
            }
            if !sawContent && trimmed.elementsEqual("---".utf8) {
                inFrontMatter = true
                return
            }
            if isHeading(trimmed) || isThematicBreak(trimmed) {
                commitParagraph()
                return
            }
            text.removeAll(keepingCapacity: true)
            if open == nil {
                let head = head(of: line)
                if head.outOfRange { builder.warn(.stampOutOfRange, line: number) }
                builder.beginSegment()
                Inline.plainText(of: line.dropFirst(head.textOffset), into: &text)
                open = (head, number)
            } else {
                text.append(0x20)
                Inline.plainText(of: line, into: &text)
            }
            text.withUnsafeBufferPointer { builder.appendText($0, line: number) }
        }
        commitParagraph()
        for line in file.cutLines { builder.warn(.lineTooLong, line: line) }
        builder.estimateTimes()
    }

    /// The time and label that open a paragraph's first line (either may be missing).
    static func head(of line: Bytes) -> Head {
        var position = skippingSpaces(line, from: 0)
        var time: Milliseconds?
        var stamped = false
        var outOfRange = false
        if let stamp = stamp(in: line, at: position) {
            (time, outOfRange) = (stamp.time, stamp.outOfRange)
            stamped = true
            position = skippingSpaces(line, from: stamp.end)
        }
        var label: Head.Label?
        if let found = self.label(in: line, at: position) {
            label = found.label
            position = skippingSpaces(line, from: found.end)
            if !stamped, let stamp = stamp(in: line, at: position) {
                (time, outOfRange) = (stamp.time, stamp.outOfRange)
                stamped = true
                position = skippingSpaces(line, from: stamp.end)
            }
        }
        return Head(time: time, label: label, textOffset: position, stamped: stamped, outOfRange: outOfRange)
    }

    /// `\[07:18\]`, `[00:07:18.16]`, `**[0:01:02]**`, `**\[07:18\]**` at `start`.
    /// `[~0:01:02]` is a time hark estimated (its own export): the stamp is
    /// read, its time is not (nil), and the paragraph is estimated again.
    /// A stamp with minutes or seconds past 59 is a stamp whose time is not
    /// read (`outOfRange`): the paragraph is estimated, and warned about.
    static func stamp(in line: Bytes, at start: Int) -> (time: Milliseconds?, end: Int, outOfRange: Bool)? {
        var k = start
        let bold = starts(line, at: k, with: "**")
        if bold { k += 2 }
        let escaped = starts(line, at: k, with: "\\[")
        if escaped {
            k += 2
        } else if k < line.count && line[k] == 0x5B /* [ */ {
            k += 1
        } else {
            return nil
        }
        let estimate = k < line.count && line[k] == 0x7E /* ~ */
        if estimate { k += 1 }
        let timeStart = k
        while k < line.count && (ByteClass.isDigit(line[k]) || line[k] == 0x3A || line[k] == 0x2E || line[k] == 0x2C) { k += 1 }
        let timeText = Bytes(rebasing: line[timeStart..<k])
        guard timeText.contains(0x3A /* : */) else { return nil }
        let parsed = TimestampParser.parse(timeText)
        let outOfRange = parsed == .failure(.outOfRange)
        guard outOfRange || parsed != .failure(.malformed),
            let end = stampEnd(line, at: k, escaped: escaped, bold: bold)
        else { return nil }
        guard case .success(let time) = parsed else { return (nil, end, true) }
        return (estimate ? nil : time, end, false)
    }

    /// Past a stamp's time: its closing bracket (and bold), or nil.
    private static func stampEnd(_ line: Bytes, at start: Int, escaped: Bool, bold: Bool) -> Int? {
        var k = start
        if escaped {
            guard starts(line, at: k, with: "\\]") else { return nil }
            k += 2
        } else {
            guard k < line.count && line[k] == 0x5D /* ] */ else { return nil }
            k += 1
        }
        if bold {
            guard starts(line, at: k, with: "**") else { return nil }
            k += 2
        }
        return k
    }

    /// `**Name:**`, `**Name**:` or `**>>**` (escaped or not) at `start`. A
    /// name is at most 60 characters with a letter in it and no `*`.
    static func label(in line: Bytes, at start: Int) -> (label: Head.Label, end: Int)? {
        guard starts(line, at: start, with: "**") else { return nil }
        var close = start + 2
        while close + 1 < line.count && !(line[close] == 0x2A && line[close + 1] == 0x2A) { close += 1 }
        guard close + 1 < line.count else { return nil }
        var inner: [UInt8] = []
        Inline.plainText(of: Bytes(rebasing: line[(start + 2)..<close]), into: &inner)
        var end = close + 2
        if inner.last == 0x3A /* : */ {
            inner.removeLast()
        } else if end < line.count && line[end] == 0x3A {
            end += 1
        } else if inner == [0x3E, 0x3E] /* >> */ {
            return (.change, end)
        } else {
            return nil
        }
        let name = String(decoding: inner, as: UTF8.self).trimmingASCIISpaces()
        guard !name.isEmpty, name.count <= 60, name.contains(where: \.isLetter), !name.contains("*") else { return nil }
        return (.speaker(name), end)
    }

    /// `# Title` to `###### Title`.
    private static func isHeading(_ line: Bytes) -> Bool {
        var k = 0
        while k < line.count && k < 7 && line[k] == 0x23 /* # */ { k += 1 }
        return (1...6).contains(k) && (k == line.count || ByteClass.isSpace(line[k]))
    }

    /// `---`, `***`, `___` (three or more, spaces between allowed).
    private static func isThematicBreak(_ line: Bytes) -> Bool {
        guard let first = line.first, first == 0x2D || first == 0x2A || first == 0x5F else { return false }
        var marks = 0
        for byte in line {
            if byte == first {
                marks += 1
            } else if !ByteClass.isSpace(byte) {
                return false
            }
        }
        return marks >= 3
    }

    private static func starts(_ line: Bytes, at k: Int, with prefix: StaticString) -> Bool {
        k <= line.count && line.dropFirst(k).hasPrefix(prefix)
    }

    private static func skippingSpaces(_ line: Bytes, from start: Int) -> Int {
        var k = start
        while k < line.count, ByteClass.isSpace(line[k]) { k += 1 }
        return k
    }

    /// Markdown text to the words it shows.
    enum Inline {
        /// Backslash escapes removed, links and images replaced by their text.
        static func plainText(of line: Bytes, into out: inout [UInt8]) {
            var k = 0
            // Once a search for a link's `]` or `)` has run to the end of the
            // line, no later link can close either: stop looking, so that a
            // line of a million `[a](b` costs one pass, not a million.
            var linksPossible = true
            while k < line.count {
                let byte = line[k]
                if byte == 0x5C /* \ */, k + 1 < line.count, isASCIIPunctuation(line[k + 1]) {
                    out.append(line[k + 1])
                    k += 2
                } else if byte == 0x5B /* [ */, linksPossible, let link = link(in: line, at: k, possible: &linksPossible) {
                    unescape(Bytes(rebasing: line[link.text]), into: &out)
                    k = link.end
                } else if byte == 0x21 /* ! */, linksPossible, k + 1 < line.count, line[k + 1] == 0x5B,
                    let image = link(in: line, at: k + 1, possible: &linksPossible)
                {
                    unescape(Bytes(rebasing: line[image.text]), into: &out)
                    k = image.end
                } else {
                    out.append(byte)
                    k += 1
                }
            }
        }

        /// `[text](destination)` starting at `start`: the text's range and where the link ends.
        /// `possible` turns false when a search ran to the end of the line.
        private static func link(in line: Bytes, at start: Int, possible: inout Bool) -> (text: Range<Int>, end: Int)? {
            var k = start + 1
            while k < line.count && line[k] != 0x5D /* ] */ {
                if line[k] == 0x5C /* \ */ {
                    k += 2
                    continue
                }
                if line[k] == 0x5B { return nil }  // nested brackets: not a link hark reads
                k += 1
            }
            guard k < line.count else {
                possible = false
                return nil
            }
            guard k + 1 < line.count, line[k + 1] == 0x28 /* ( */ else { return nil }
            var close = k + 2
            while close < line.count && line[close] != 0x29 /* ) */ && !ByteClass.isSpace(line[close]) { close += 1 }
            guard close < line.count else {
                possible = false
                return nil
            }
            guard line[close] == 0x29 else { return nil }
            return ((start + 1)..<k, close + 1)
        }

        private static func unescape(_ text: Bytes, into out: inout [UInt8]) {
            var k = 0
            while k < text.count {
                if text[k] == 0x5C, k + 1 < text.count, isASCIIPunctuation(text[k + 1]) { k += 1 }
                out.append(text[k])
                k += 1
            }
        }

        private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
            (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
                || (0x7B...0x7E).contains(byte)
        }
    }
}
