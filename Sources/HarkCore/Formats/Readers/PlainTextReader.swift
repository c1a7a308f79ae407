/// Untimed text: whisper.cpp's `-otxt`, openai-whisper's `.txt`, a pasted
/// transcript. Each line is cut into sentences, and each sentence is a
/// segment, so that search, jumps and the reader point somewhere near what
/// they found even in a line that is a whole paragraph. A sentence ends at
/// `.`, `?` or `!` (closing quotes and brackets may follow) once it has
/// `minimumSentenceWords` words, so "Mr. Smith" and "Yes. No." stay whole;
/// text without sentence ends is cut every `maximumSegmentWords` words.
/// Every time is estimated (`TimeEstimator`), from zero at 150 words a minute.
///
/// Which files are plain text is decided by `FormatDetector`: only text
/// content, and only with a `.txt` or `.text` name or `--format plain-text`.
enum PlainTextReader {
    static let minimumSentenceWords = 3
    static let maximumSegmentWords = 60

    static func read(_ file: SourceFile, into builder: inout TranscriptBuilder) throws {
        try file.forEachLine { line, number in
            forEachSegment(in: line) { piece in
                builder.beginSegment()
                builder.appendText(piece, line: number)
                builder.commitSegment(start: 0, end: nil, speaker: nil, speakerChange: false, line: number, estimated: true)
            }
        }
        for line in file.cutLines { builder.warn(.lineTooLong, line: line) }
        builder.estimateTimes()
    }

    /// The pieces of a line that become segments, as described above.
    static func forEachSegment(in line: Bytes, _ body: (Bytes) -> Void) {
        var k = 0
        var pieceStart: Int?
        var words = 0
        while k < line.count {
            while k < line.count && isSpace(line[k]) { k += 1 }
            guard k < line.count else { break }
            let wordStart = k
            while k < line.count && !isSpace(line[k]) { k += 1 }
            if pieceStart == nil { pieceStart = wordStart }
            words += 1
            let word = Bytes(rebasing: line[wordStart..<k])
            let endsSentence = Paragraphs.endsSentence(word) && !isAbbreviation(word)
            if (words >= minimumSentenceWords && endsSentence) || words >= maximumSegmentWords {
                body(Bytes(rebasing: line[pieceStart!..<k]))
                pieceStart = nil
                words = 0
            }
        }
        if let pieceStart { body(Bytes(rebasing: line[pieceStart...]).trimmingSpaces()) }
    }

    /// Titles and short forms whose full stop ends no sentence (`Mr. Smith`,
    /// `e.g. this`), and single capitals (`J. R. R. Tolkien`).
    static func isAbbreviation(_ word: Bytes) -> Bool {
        guard word.last == 0x2E /* . */ else { return false }
        let stem = word.dropLast(1)
        if stem.count == 1 && stem[0] >= 0x41 && stem[0] <= 0x5A { return true }
        return abbreviations.contains(String(decoding: stem, as: UTF8.self).lowercased())
    }

    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "e.g", "i.e", "approx", "dept", "inc", "ltd",
        "co", "mt", "fig", "gen", "sen", "rep", "gov", "capt", "lt", "col", "sgt", "rev", "hon",
    ]

    /// Spaces as the text cleaner sees them (a form feed is a control character, and text).
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Whether the start of a file looks like text a person wrote: no NUL,
    /// hardly any control characters, and some letters.
    static func looksLikeText(_ head: Bytes) -> Bool {
        guard !head.isEmpty, !head.contains(0) else { return false }
        var controls = 0
        var letters = 0
        for byte in head {
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C || byte == 0x7F {
                controls += 1
            } else if ByteClass.isAlphanumeric(byte) || byte >= 0x80 {
                letters += 1
            }
        }
        return controls * 100 <= head.count && letters > 0
    }
}
