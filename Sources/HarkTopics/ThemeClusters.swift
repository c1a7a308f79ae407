import Glibc

/// Stretches of the conversation grouped by the vocabulary they share:
/// each chapter is cut into units of about a hundred content words, each
/// unit is a vector of its words (weighted as in TF-IDF, units being the
/// documents), and units are joined, most alike first, into one tree
/// (average linkage). The tree is then read from the top: the last join is
/// undone first, and so on, until there are as many groups of two units or
/// more as themes are wanted. A group formed early holds a subject; a lone
/// unit left over is a passing subject, not a theme.
struct ThemeClusters {
    struct Parameters: Sendable {
        /// Content words in a unit.
        var unitTokens = 100
        /// Short transcripts are cut into at least about this many units
        /// (of 30 words or more), so that they can have several themes.
        var minimumUnitCount = 16
        /// Units are made longer on long transcripts so that there are no
        /// more than about this many (the tree costs the square of it).
        var maximumUnits = 200
        /// How many themes are wanted.
        var themes = 6
        /// A theme holds at least this many units.
        var minimumUnits = 2
    }

    /// Token ranges of the units, in order.
    let units: [Range<Int>]
    /// The themes, largest first: each a list of unit indexes.
    let themes: [[Int]]

    init(_ words: ContentWords, chapters: [Range<Int>], parameters: Parameters) {
        units = Self.units(chapters, total: words.tokens.count, parameters)
        let vectors = UnitVectors(words, units: units)
        let joins = Self.joins(vectors.similarities())
        let count = units.count
        let groups = Self.topDown(joins, leaves: count, parameters).filter { !Self.isFraming($0, of: count) }
        let units = units
        themes = groups.sorted { a, b in
            let sizes = [a, b].map { $0.reduce(0) { $0 + units[$1].count } }
            return sizes[0] != sizes[1] ? sizes[0] > sizes[1] : a[0] < b[0]
        }
    }

    /// Each chapter cut into pieces of about the unit's size (at least one);
    /// when there are more chapters than units wanted, the whole text is cut
    /// evenly instead.
    static func units(_ chapters: [Range<Int>], total: Int, _ parameters: Parameters) -> [Range<Int>] {
        let short = min(parameters.unitTokens, max(30, total / parameters.minimumUnitCount))
        let size = max(short, total / parameters.maximumUnits)
        let ranges = chapters.count <= parameters.maximumUnits ? chapters : [0..<total]
        var units: [Range<Int>] = []
        for range in ranges where !range.isEmpty {
            let pieces = max(1, Int((Double(range.count) / Double(size)).rounded()))
            for k in 0..<pieces {
                let start = range.lowerBound + range.count * k / pieces
                let end = range.lowerBound + range.count * (k + 1) / pieces
                if end > start { units.append(start..<end) }
            }
        }
        return units
    }

    /// Whether a group (unit indexes, ascending) is only the first unit
    /// and the last: the programme and its guest named as they are welcomed
    /// and thanked ("Street Level, Maria Costa"), alike in words but not a
    /// subject. A subject that opens and closes the conversation runs on
    /// into the units beside them.
    static func isFraming(_ group: [Int], of count: Int) -> Bool { count > 2 && group == [0, count - 1] }

    /// One join of the tree: nodes below `leaves` are units, node
    /// `leaves + k` is made by join `k`.
    struct Join {
        var left: Int
        var right: Int
    }

    /// Average linkage: the two groups whose units are most alike on
    /// average are joined, until one group is left. The similarity of a
    /// joined group to another is the size-weighted mean of its parts'
    /// (Lance and Williams), so the matrix is updated in place.
    static func joins(_ similarity: [[Double]]) -> [Join] {
        let n = similarity.count
        guard n > 1 else { return [] }
        var s = similarity
        var node = Array(0..<n)  // the tree node each row stands for
        var size = [Int](repeating: 1, count: n)
        var alive = [Bool](repeating: true, count: n)
        var joins: [Join] = []
        for step in 0..<(n - 1) {
            var best = (similarity: -Double.infinity, a: -1, b: -1)
            for a in 0..<n where alive[a] {
                for b in (a + 1)..<n where alive[b] && s[a][b] > best.similarity { best = (s[a][b], a, b) }
            }
            let (a, b) = (best.a, best.b)
            for c in 0..<n where alive[c] && c != a && c != b {
                let joined = (Double(size[a]) * s[a][c] + Double(size[b]) * s[b][c]) / Double(size[a] + size[b])
                s[a][c] = joined
                s[c][a] = joined
            }
            joins.append(Join(left: node[a], right: node[b]))
            node[a] = n + step
            size[a] += size[b]
            alive[b] = false
        }
        return joins
    }

    /// The tree read from the top: the latest join is undone until there
    /// are `parameters.themes` groups of `minimumUnits` or more; those groups
    /// are the themes. When no reading has that many (a short transcript),
    /// the first with the most is taken.
    static func topDown(_ joins: [Join], leaves: Int, _ parameters: Parameters) -> [[Int]] {
        guard !joins.isEmpty else { return leaves >= parameters.minimumUnits ? [Array(0..<leaves)] : [] }
        var sizes = [Int](repeating: 1, count: leaves)
        for join in joins { sizes.append(sizes[join.left] + sizes[join.right]) }
        func isTheme(_ node: Int) -> Bool { sizes[node] >= parameters.minimumUnits }
        var open = [leaves + joins.count - 1]  // the nodes standing as groups
        var best = open
        while best.filter(isTheme).count < parameters.themes, let latest = open.max(), latest >= leaves {
            open.removeAll { $0 == latest }
            open += [joins[latest - leaves].left, joins[latest - leaves].right]
            if open.filter(isTheme).count > best.filter(isTheme).count { best = open }
        }
        func members(_ node: Int) -> [Int] {
            node < leaves ? [node] : members(joins[node - leaves].left) + members(joins[node - leaves].right)
        }
        return best.filter(isTheme).map { members($0).sorted() }
    }
}

/// Units as vectors of their content words (weak words left out): `1 + ln(count)` times
/// `ln((N + 1) / df)` over the N units, scaled to length 1. Words said in
/// one unit only, or in all, are left out: they cannot tell which units
/// are alike, and a unit's rare words would only lower its similarities.
struct UnitVectors {
    /// Per unit, its words (stem ids, ascending) and their weights.
    private(set) var stems: [[Int32]] = []
    private(set) var weights: [[Double]] = []
    private let stemCount: Int

    init(_ words: ContentWords, units: [Range<Int>]) {
        stemCount = words.stemCount
        var counts = [Int32](repeating: 0, count: words.stemCount)
        var unitCounts: [[(stem: Int32, count: Int32)]] = []
        var frequency = [Int32](repeating: 0, count: words.stemCount)
        words.tokens.withUnsafeBufferPointer { tokens in
            for unit in units {
                var seen: [Int32] = []
                for t in unit where !words.isWeak[Int(tokens[t])] {
                    let x = Int(tokens[t])
                    if counts[x] == 0 { seen.append(tokens[t]) }
                    counts[x] += 1
                }
                seen.sort()
                unitCounts.append(seen.map { ($0, counts[Int($0)]) })
                for x in seen {
                    frequency[Int(x)] += 1
                    counts[Int(x)] = 0
                }
            }
        }
        let n = Int32(units.count)
        for counted in unitCounts {
            let kept = counted.filter { frequency[Int($0.stem)] > 1 && frequency[Int($0.stem)] < n }
            var vector = kept.map { (1 + log(Double($0.count))) * log(Double(n + 1) / Double(frequency[Int($0.stem)])) }
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 0 { vector = vector.map { $0 / norm } }
            stems.append(kept.map(\.stem))
            weights.append(vector)
        }
    }

    /// Cosine similarity of every two units. Each unit is spread into a
    /// dense row once, and every later unit's words are looked up in it.
    func similarities() -> [[Double]] {
        let n = stems.count
        var result = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var dense = [Double](repeating: 0, count: stemCount)
        for a in 0..<n {
            result[a][a] = 1
            for (x, w) in zip(stems[a], weights[a]) { dense[Int(x)] = w }
            for b in (a + 1)..<n {
                var dot = 0.0
                for (x, w) in zip(stems[b], weights[b]) { dot += w * dense[Int(x)] }
                result[a][b] = dot
                result[b][a] = dot
            }
            for x in stems[a] { dense[Int(x)] = 0 }
        }
        return result
    }
}
