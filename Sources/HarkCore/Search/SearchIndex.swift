import Glibc

/// Searching one transcript again and again (the reader searches as you
/// type): the folded text is made once per case mode and kept. Not for use
/// from two threads: the reader folds off its loop with `FoldedText(_:caseSensitive:)`
/// and hands the value to `adopt` on the loop's thread.
public final class SearchIndex {
    public let transcript: Transcript
    private var foldedByCase: [Bool: FoldedText] = [:]

    public init(_ transcript: Transcript) { self.transcript = transcript }

    /// Takes text folded elsewhere (unless this mode is folded already).
    public func adopt(_ folded: FoldedText, caseSensitive: Bool) {
        if foldedByCase[caseSensitive] == nil { foldedByCase[caseSensitive] = folded }
    }

    /// The folded text for a case mode if it is made already.
    public func foldedIfMade(caseSensitive: Bool) -> FoldedText? { foldedByCase[caseSensitive] }

    /// The folded text for a case mode, folded now if it was not yet.
    public func folded(caseSensitive: Bool) -> FoldedText {
        if let cached = foldedByCase[caseSensitive] { return cached }
        let folded = FoldedText(transcript, caseSensitive: caseSensitive)
        foldedByCase[caseSensitive] = folded
        return folded
    }

    public func matches(of query: SearchQuery) -> MatchList {
        let folded = self.folded(caseSensitive: query.caseSensitive)
        var starts: [Int] = []
        TextSearch.forEachMatch(of: query.foldedPattern, in: folded, wholeWord: query.wholeWord) { start, _ in
            starts.append(start)
        }
        return MatchList(
            transcript: transcript, folded: folded, foldedStarts: starts, foldedLength: query.foldedPattern.count, query: query)
    }
}

/// Matches kept as their start offsets only: a pattern with millions of
/// matches costs eight bytes each, and each match's segments are looked up
/// only when asked for.
public struct MatchList: RandomAccessCollection, Sendable {
    let transcript: Transcript
    let folded: FoldedText
    let foldedStarts: [Int]
    let foldedLength: Int
    public let query: SearchQuery

    /// The matches of a longer pattern that begins with this one (as search
    /// as you type makes them): found among these, not in the whole text.
    /// Nil when `longer` cannot be found that way.
    public func refined(to longer: SearchQuery) -> MatchList? {
        let pattern = longer.foldedPattern
        guard longer.caseSensitive == query.caseSensitive, !longer.wholeWord, !query.wholeWord,
            pattern.count > foldedLength, pattern.starts(with: query.foldedPattern)
        else { return nil }
        let kept: [Int] = folded.bytes.withUnsafeBufferPointer { text in
            pattern.withUnsafeBufferPointer { needle in
                foldedStarts.filter { start in
                    start + needle.count <= text.count
                        && memcmp(text.baseAddress! + start, needle.baseAddress!, needle.count) == 0
                }
            }
        }
        return MatchList(transcript: transcript, folded: folded, foldedStarts: kept, foldedLength: pattern.count, query: longer)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { foldedStarts.count }

    public subscript(index: Int) -> SearchMatch {
        let start = folded.originalOffset(foldedStarts[index], roundingUp: false)
        let end = folded.originalOffset(foldedStarts[index] + foldedLength, roundingUp: true)
        return SearchMatch(
            range: start..<end, segment: transcript.segmentIndex(atTextOffset: start),
            lastSegment: transcript.segmentIndex(atTextOffset: Swift.max(start, end - 1)))
    }

    /// The byte offset where match `index` starts in the continuous text.
    public func start(of index: Int) -> Int { folded.originalOffset(foldedStarts[index], roundingUp: false) }

    /// The first match starting at or after `offset` of the continuous text.
    public func firstIndex(atOrAfter offset: Int) -> Int? {
        var low = 0
        var high = foldedStarts.count
        while low < high {
            let mid = (low + high) / 2
            if start(of: mid) < offset { low = mid + 1 } else { high = mid }
        }
        return low < foldedStarts.count ? low : nil
    }

    /// The last match starting before `offset`.
    public func lastIndex(before offset: Int) -> Int? {
        let next = firstIndex(atOrAfter: offset) ?? foldedStarts.count
        return next > 0 ? next - 1 : nil
    }

    /// The matches that overlap `bytes` of the continuous text.
    public func overlapping(_ bytes: Range<Int>) -> [SearchMatch] {
        var index = lastIndex(before: bytes.lowerBound) ?? 0
        var result: [SearchMatch] = []
        while index < foldedStarts.count, start(of: index) < bytes.upperBound {
            let match = self[index]
            if match.range.overlaps(bytes) { result.append(match) }
            index += 1
        }
        return result
    }
}
