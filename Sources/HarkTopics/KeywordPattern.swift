import HarkCore

/// A keyword or phrase compiled for matching: its words, folded, the last
/// of each possibly a prefix (`consolidat*`).
struct KeywordPattern: Equatable, Sendable {
    struct Word: Equatable, Sendable {
        var bytes: [UInt8]
        var isPrefix: Bool
        var hash: UInt64
    }
    var words: [Word]

    init(_ keyword: String) throws(KeywordProblem) {
        var words: [Word] = []
        // Split on whitespace first so that `*` is seen where it was written.
        for piece in keyword.split(whereSeparator: \.isWhitespace) {
            let isPrefix = piece.hasSuffix("*")
            let stem = isPrefix ? piece.dropLast() : piece[...]
            if stem.contains("*") { throw .wildcardInsideWord(keyword) }
            let folded = FoldedText(Array(stem.utf8), caseSensitive: false).bytes
            let parts = Words.split(folded)
            for (i, part) in parts.enumerated() {
                let prefix = isPrefix && i == parts.count - 1
                if prefix, part.count < 2 { throw .wildcardTooShort(keyword) }
                words.append(Word(bytes: part, isPrefix: prefix, hash: WordHash.of(part)))
            }
            if isPrefix, parts.isEmpty { throw .wildcardTooShort(keyword) }
        }
        guard !words.isEmpty else { throw .empty }
        self.words = words
    }
}

/// Why a keyword cannot be used.
public enum KeywordProblem: Error, Equatable, CustomStringConvertible {
    case empty
    case wildcardInsideWord(String)
    case wildcardTooShort(String)

    public var description: String {
        switch self {
        case .empty: return "a keyword has no words in it"
        case .wildcardInsideWord(let k): return "\"\(k)\": * may only end a word (as in consolidat*)"
        case .wildcardTooShort(let k): return "\"\(k)\": a word ending in * needs at least two letters before it"
        }
    }
}

public enum TopicKeyword {
    /// Throws why `keyword` cannot be matched, if it cannot.
    public static func validate(_ keyword: String) throws(KeywordProblem) {
        _ = try KeywordPattern(keyword)
    }
}
