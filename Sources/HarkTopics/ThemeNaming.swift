import Glibc
import HarkCore

/// What a theme is called and which phrases find its passages, from the
/// phrases said twice or more in the theme's units, and at least half of
/// the times they are said anywhere.
///
/// Its keywords are the phrases said there most: how often, times how few
/// chapters say them, times the share of all their uses that falls in the
/// theme. Its name is made of the phrases that run through it: the share
/// of its units that say them, times the share of their uses that falls in
/// the theme, times the square root of how few chapters say them, times the
/// logarithm of how often, longer phrases first. A phrase said many times
/// in one or two of a theme's eight units ("tech forward") is a detail of a
/// passage; one said in most of them ("developer tools", "stable
/// diffusion") is what the theme is about.
struct ThemeNaming {
    /// The theme's best phrases, best first: its keywords.
    var keywords: [KeyPhrases.Phrase]
    /// Its two or three most telling phrases, sharing no word.
    var name: String

    /// Keywords are phrases of two or three words or names ("Rust"): a
    /// single common word ("search", "move") is said all through a
    /// conversation and would find passages of other themes. Names are
    /// never a person's name alone ("Peter"), by the first time it is said
    /// (`KeyPhrases.isFirstName`) or any time in the transcript
    /// (`KeyPhrases.isSaidAsPersonName`).
    /// A name's phrase of two words or more tells a reader more than a
    /// name or an acronym alone ("stable diffusion" rather than "AI").
    static func nameWeight(_ n: Int) -> Double { n == 1 ? 1 : n == 2 ? 2 : 2.2 }

    init?(
        units: [Range<Int>], tally: PhraseTally, phrases: KeyPhrases, text: UnsafeBufferPointer<UInt8>, keywordLimit: Int,
        personsAnywhere: inout PersonsAnywhere
    ) {
        var candidates: [KeyPhrases.Phrase] = []
        var byName: [KeyPhrases.Phrase] = []
        tally.forEach { key, count, unitsSaid in
            let share = Double(count) / Double(max(phrases.count(key), Int(count)))
            guard count >= 2, share >= 0.5, let first = phrases.firstSaid(key) else { return }
            let n = PhraseKey.length(key)
            let (idf, weight) = (phrases.idf(key), KeyPhrases.lengthWeight(n))
            var phrase = KeyPhrases.Phrase(key: key, length: n, firstToken: first, count: Int(count), score: 0)
            phrase.score = Double(count) * idf * weight * share
            candidates.append(phrase)
            let coverage = Double(unitsSaid) / Double(units.count)
            phrase.score = coverage * share * Self.nameWeight(n) * idf.squareRoot() * log(1 + Double(count))
            byName.append(phrase)
        }
        // Details (`KeyPhrases.isDetail`) are passed over where phrases are
        // chosen, not looked for in all of them.
        let whole = KeyPhrases.withoutFragments(candidates)
        var ranked = whole.filter { $0.length > 1 || phrases.isName($0, in: text) }
        if !ranked.contains(where: { !phrases.isDetail($0, in: text) }) {
            // A theme that says no phrase or name twice ("the oven", "gas",
            // "the energy bill" once) is known by its single words, as a
            // chapter's title is when it has nothing better: things said
            // there half of their times or more.
            let words = KeyPhrases.ranked(whole.filter { !phrases.isDetail($0, in: text) }).prefix(3 * keywordLimit)
            ranked = zip(words, phrases.isSaidAsThing(Array(words), in: units, text: text)).filter(\.1).map(\.0)
        }
        ranked = KeyPhrases.ranked(ranked)
        guard !ranked.isEmpty else { return nil }
        // The same phrases for the name, in the name's order (ties go to the
        // one said more there).
        var kept = HashTable(capacity: ranked.count)
        for phrase in ranked { kept.set(phrase.key, Int32(phrase.count)) }
        let forName = byName.filter { kept.value($0.key) != nil }.sorted {
            $0.score != $1.score
                ? $0.score > $1.score : $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key
        }
        // Cut short and persons' names are judged on a few only: the name's
        // best, the one-word keywords that may be chosen and the names that
        // lead a phrase of the name's ("Jean left", "Alan retired": such a
        // phrase is about the person), in one scan of the theme's words.
        let best = KeyPhrases.pick(forName, limit: 5) { !phrases.isFirstName($0, in: text) && !phrases.isDetail($0, in: text) }
        let names = ranked.prefix(2 * keywordLimit).filter { $0.length == 1 && !phrases.isDetail($0, in: text) }
        let leaders = best.map { phrase in
            phrases.isLedByName(phrase, in: text)
                ? KeyPhrases.Phrase(
                    key: PhraseKey.stems(phrase.key)[0], length: 1, firstToken: phrase.firstToken, count: 0, score: 0)
                : nil
        }
        let surveyed = best + names + leaders.compactMap { $0 }
        let surveys = phrases.survey(surveyed, in: units, marking: true, text: text)
        var persons = HashTable(capacity: 16)
        for (phrase, survey) in zip(surveyed, surveys) where survey.isPersonName { persons.set(phrase.key, 1) }
        // A name said as a person's anywhere is one here too ("Sue's been
        // here twenty-two years" in the theme, "Sue on reception says"
        // before it): the one-word phrases not yet known, in the whole text.
        let unknown = zip(surveyed, surveys).filter { phrase, survey in
            phrase.length == 1 && !survey.isPersonName && phrases.isCapitalisedWhereFirstSaid(phrase, in: text)
        }.map(\.0)
        for phrase in personsAnywhere.persons(among: unknown, outside: units, phrases, text) { persons.set(phrase.key, 1) }
        // A phrase inside another keyword ("tech forward" in "tech forward
        // customers") would count the same words twice; a person's name finds
        // where the person is spoken of, not the theme.
        keywords = []
        for phrase in ranked where keywords.count < keywordLimit && persons.value(phrase.key) == nil {
            if keywords.allSatisfy({ !PhraseKey.contains($0.key, phrase.key) && !PhraseKey.contains(phrase.key, $0.key) }),
                !phrases.isDetail(phrase, in: text)
            {
                keywords.append(phrase)
            }
        }
        let named = best.indices.filter { k in
            !surveys[k].isCutShort && persons.value(best[k].key) == nil
                && leaders[k].flatMap { persons.value($0.key) } == nil
        }.map { best[$0] }
        guard !named.isEmpty else { return nil }
        name = TitleRules.join(named.prefix(3).map { phrases.text(of: $0, in: text) })
    }
}

extension ThemeNaming {
    /// How often each phrase is said in each theme's units (`themes`, lists
    /// of units) and in how many of them: the themes' units in two halves
    /// of about as many words, counted at once, then the halves' tallies
    /// merged.
    static func tallies(_ themes: [[Range<Int>]], _ words: ContentWords) -> [PhraseTally] {
        let all = themes.indices.flatMap { t in themes[t].indices.map { (theme: t, unit: $0) } }
        let total = all.reduce(0) { $0 + themes[$1.theme][$1.unit].count }
        var middle = 0
        var before = 0
        while middle < all.count, before + themes[all[middle].theme][all[middle].unit].count <= total / 2 {
            before += themes[all[middle].theme][all[middle].unit].count
            middle += 1
        }
        let halves = total > 1 << 16 ? [0..<middle, middle..<all.count] : [0..<all.count]
        var counted = Parallel.map(halves.count) { h in
            var tallies = themes.map { _ in PhraseTally(capacity: 1024) }
            for (theme, unit) in all[halves[h]] {
                KeyPhrases.forEachCandidate(words, in: themes[theme][unit]) { key, _ in
                    tallies[theme].add(key, unit: Int32(unit))
                }
            }
            return tallies
        }
        for other in counted.dropFirst() {
            for t in themes.indices { counted[0][t].merge(other[t]) }
        }
        return counted[0]
    }
}

/// Which one-word phrases are said as a person's name anywhere in the
/// transcript, each looked for once for all the themes (a name is often a
/// candidate in several).
struct PersonsAnywhere {
    /// Per key: 1 a person's name, 0 not.
    private var known = HashTable(capacity: 64)

    /// Those of `phrases`, not said as a person's name in a theme's `units`
    /// (its own survey found that), said so outside them: the ones not yet
    /// known, in one scan of the rest of the text.
    mutating func persons(
        among phrases: [KeyPhrases.Phrase], outside units: [Range<Int>], _ keyPhrases: KeyPhrases,
        _ text: UnsafeBufferPointer<UInt8>
    ) -> [KeyPhrases.Phrase] {
        var unknown: [KeyPhrases.Phrase] = []
        for phrase in phrases where known.value(phrase.key) == nil && !unknown.contains(where: { $0.key == phrase.key }) {
            unknown.append(phrase)
        }
        if !unknown.isEmpty {
            var rest: [Range<Int>] = []
            var start = keyPhrases.allTokens.lowerBound
            for unit in units.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                if unit.lowerBound > start { rest.append(start..<unit.lowerBound) }
                start = max(start, unit.upperBound)
            }
            if start < keyPhrases.allTokens.upperBound { rest.append(start..<keyPhrases.allTokens.upperBound) }
            let surveys = keyPhrases.survey(unknown, in: rest, marking: true, text: text)
            for (phrase, survey) in zip(unknown, surveys) { known.set(phrase.key, survey.isPersonName ? 1 : 0) }
        }
        return phrases.filter { known.value($0.key) == 1 }
    }
}

/// Per phrase key: how often it is said and in how many units, in one
/// probe of an open-addressed table (as `HashTable`) for each time it is
/// said, the figures of a key side by side.
struct PhraseTally {
    private struct Figures {
        var count: Int32 = 0
        var units: Int32 = 0
        /// The last unit it was seen in (units are counted in order).
        var lastUnit: Int32 = -1
    }

    private var keys: [UInt64]
    private var figures: [Figures]
    private var count = 0
    private var mask: Int
    private var shift: UInt64

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        figures = [Figures](repeating: Figures(), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The slot of `key`, made if it has none.
    @inline(__always) private mutating func index(_ key: UInt64) -> Int {
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return i }
            if k == 0 {
                if (count + 1) * 4 > keys.count * 3 {
                    grow()
                    return index(key)
                }
                keys[i] = key
                count += 1
                return i
            }
            i = (i + 1) & mask
        }
    }

    /// One more time `key` is said, in `unit` (units in ascending order).
    @inline(__always) mutating func add(_ key: UInt64, unit: Int32) {
        let i = index(key)
        figures[i].count &+= 1
        if figures[i].lastUnit != unit {
            figures[i].lastUnit = unit
            figures[i].units &+= 1
        }
    }

    /// Another tally's, of other units.
    mutating func merge(_ other: PhraseTally) {
        for i in other.keys.indices where other.keys[i] != 0 {
            let k = index(other.keys[i])
            figures[k].count &+= other.figures[i].count
            figures[k].units &+= other.figures[i].units
        }
    }

    private mutating func grow() {
        var bigger = PhraseTally(capacity: keys.count)
        for i in keys.indices where keys[i] != 0 { bigger.figures[bigger.index(keys[i])] = figures[i] }
        self = bigger
    }

    /// Every key with how often it is said and in how many units.
    func forEach(_ body: (UInt64, Int32, Int32) -> Void) {
        for i in keys.indices where keys[i] != 0 { body(keys[i], figures[i].count, figures[i].units) }
    }
}

/// How phrases make a title or a name: as said, whole, at most about 40
/// characters (the side pane shows that much), two or three at most.
enum TitleRules {
    static let maximumLength = 40

    /// As many of `phrases`, in order, as fit together, skipping any that
    /// would not; the first that fits is always kept.
    static func join(_ phrases: [String], limit: Int = 3) -> String {
        var joined = ""
        var kept = 0
        for phrase in phrases where kept < limit {
            if let longer = adding(phrase, to: joined) {
                joined = longer
                kept += 1
            }
        }
        return joined
    }

    /// `joined` with `phrase` after it, if that fits and says something
    /// new: not an acronym of a phrase there, nor a phrase an acronym there
    /// stands for ("Machine learning, ML").
    static func adding(_ phrase: String, to joined: String) -> String? {
        // Only where an acronym may be: two capitals in a row.
        if !joined.isEmpty, hasCapitalsInARow(phrase) || hasCapitalsInARow(joined) {
            for other in joined.split(separator: ", ") where abbreviates(phrase, other) || abbreviates(other, phrase) {
                return nil
            }
        }
        let longer = joined.isEmpty ? phrase : joined + ", " + phrase
        return longer.count <= maximumLength ? longer : nil
    }

    private static func hasCapitalsInARow(_ text: String) -> Bool {
        var previous = false
        for byte in text.utf8 {
            let capital = byte &- 65 < 26
            if capital && previous { return true }
            previous = capital
        }
        return false
    }

    /// Whether `short` is one word of capitals (a plural "s" after them
    /// allowed: "LLMs") made of the initials of `long`'s words, hyphenated
    /// ones counted apart ("ML" for "machine learning", "LLM" for "large
    /// language models").
    static func abbreviates(_ short: some StringProtocol, _ long: some StringProtocol) -> Bool {
        var letters = Array(short.utf8)
        if letters.count > 2, letters.last == UInt8(ascii: "s") { letters.removeLast() }
        guard letters.count >= 2, letters.allSatisfy({ (65...90).contains($0) }) else { return false }
        let words = long.utf8.split { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }
        guard words.count == letters.count else { return false }
        return zip(words, letters).allSatisfy { word, letter in word.first.map { $0 & 0xDF } == letter }
    }
}
