/// A caption cue as SRT and WebVTT readers collect it, before it becomes a
/// segment: the shared repairs of caption files happen here.
struct CaptionCue {
    var start: Milliseconds
    var end: Milliseconds
    var line: Int
    /// Text lines with markup already removed.
    var lines: [String]
    /// A speaker named by markup (WebVTT `<v Name>`).
    var speaker: String?

    /// Turns cues into segments: rolling-caption repeats removed, speaker
    /// prefixes (`>>`, `- `, `Name:`) read.
    static func commit(_ cues: [CaptionCue], into builder: inout TranscriptBuilder) {
        var cues = cues
        let removed = removeRollingRepeats(&cues)
        if removed > 0 { builder.warn(.rollingCaptions, line: nil, detail: "\(removed) repeated lines") }
        for cue in cues {
            let lines = cue.lines.filter { !$0.isEmpty }
            guard !lines.isEmpty else {
                builder.warn(.emptySegments, line: cue.line)
                continue
            }
            var text = lines.joined(separator: " ")
            var speakerChange = false
            var speaker = cue.speaker
            if text.hasPrefix(">>") {
                speakerChange = true
                text = String(text.dropFirst(2)).trimmingASCIISpaces()
            } else if text.hasPrefix("- ") || text.hasPrefix("-\t") {
                speakerChange = true
                text = String(text.dropFirst(2)).trimmingASCIISpaces()
            }
            if speaker == nil, let label = SpeakerLabel.split(text) {
                speaker = label.name
                text = label.rest
            }
            builder.beginSegment()
            builder.appendText(text)
            builder.commitSegment(start: cue.start, end: cue.end, speaker: speaker, speakerChange: speakerChange, line: cue.line)
        }
    }

    /// YouTube's automatic captions "roll": each cue repeats the line before
    /// it, which doubles the text. When a file does this often enough to be
    /// such a file, the repeated leading lines of each cue are dropped. Only
    /// the overlap of neighbours goes; speech that repeats itself elsewhere stays.
    static func removeRollingRepeats(_ cues: inout [CaptionCue]) -> Int {
        guard cues.count >= 3 else { return 0 }
        var overlapping = 0
        for k in 1..<cues.count {
            if let first = cues[k].lines.first, !first.isEmpty, first == cues[k - 1].lines.last { overlapping += 1 }
        }
        // Rolling files repeat in most cues; ordinary captions only by chance.
        guard overlapping >= 2, overlapping * 2 >= cues.count - 1 else { return 0 }
        var removed = 0
        var previous = cues[0].lines
        for k in 1..<cues.count {
            let current = cues[k].lines
            var overlap = min(previous.count, current.count)
            while overlap > 0 && Array(previous.suffix(overlap)) != Array(current.prefix(overlap)) { overlap -= 1 }
            if overlap > 0 {
                cues[k].lines.removeFirst(overlap)
                removed += overlap
            }
            previous = current
        }
        cues.removeAll { $0.lines.allSatisfy(\.isEmpty) }
        return removed
    }
}

/// `Name: text` speaker labels in captions and speaker-labelled text.
enum SpeakerLabel {
    /// Splits `Sarah Catanzaro: text` into name and text. A label is one to
    /// four words, each starting with a capital letter or digit (`Speaker 1`,
    /// `SPEAKER_00`, `Dr. Smith`), with a letter somewhere, at most 40
    /// characters: so `10:30 we met` and `so: what now` stay text.
    static func split(_ text: String) -> (name: String, rest: String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon]
        let after = text[text.index(after: colon)...]
        guard let next = after.first.map(String.init) ?? Optional(""), next.isEmpty || next == " " || next == "\t" else {
            return nil
        }
        guard isName(name) else { return nil }
        return (String(name), String(after).trimmingASCIISpaces())
    }

    static func isName(_ name: Substring) -> Bool {
        guard !name.isEmpty, name.count <= 40, name.first != " ", name.last != " " else { return false }
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        guard (1...4).contains(words.count), name.contains(where: \.isLetter) else { return false }
        for word in words {
            guard let first = word.first, first.isUppercase || first.isNumber else { return false }
            guard word.allSatisfy({ $0.isLetter || $0.isNumber || ".'-_’".contains($0) }) else { return false }
        }
        return true
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
