import Glibc

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
        guard let speaker = speaker(named: name) else { return nil }
        return (String(speaker), String(after).trimmingASCIISpaces())
    }

    /// The same on bytes: the name, and where the text after the label
    /// starts. Only a line with a colon early enough is decoded at all.
    static func split(_ line: Bytes) -> (name: String, restStart: Int)? {
        guard let base = line.baseAddress,
            let hit = memchr(base, 0x3A /* : */, min(line.count, 4 * 40 + 1))
        else { return nil }
        let colon = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
        guard colon + 1 == line.count || ByteClass.isSpace(line[colon + 1]) else { return nil }
        guard let name = speaker(named: Substring(Bytes(rebasing: line[..<colon]).string)).map(String.init) else {
            return nil
        }
        var rest = colon + 1
        while rest < line.count, ByteClass.isSpace(line[rest]) { rest += 1 }
        return (name, rest)
    }

    /// The speaker a label names: the label itself, or its name before a
    /// closing qualifier in brackets, as subtitles for the deaf write it
    /// (`NARRATOR (V.O.)`, `MAN (ON TV)`: the speaker is the narrator, the man).
    static func speaker(named label: Substring) -> Substring? {
        if isName(label) { return label }
        guard label.last == ")", let open = label.lastIndex(of: "("), open > label.startIndex,
            label[label.index(before: open)] == " ", label.distance(from: open, to: label.endIndex) <= 20
        else { return nil }
        let name = label[..<label.index(before: open)]
        return isName(name) ? name : nil
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
