import HarkCore

/// What a theme is called and which phrases find its passages: the phrases
/// said twice or more in the theme's units, and at least half of the times
/// they are said anywhere, scored by how telling they are for it: how often
/// they are said there, times how few chapters say them, times the share of
/// all their uses that falls in the theme.
struct ThemeNaming {
    /// The theme's best phrases, best first: its keywords.
    var keywords: [KeyPhrases.Phrase]
    /// Its two or three most telling phrases, sharing no word.
    var name: String

    /// Keywords are phrases of two or three words or names ("Rust"): a
    /// single common word ("search", "move") is said all through a
    /// conversation and would find passages of other themes.
    init?(
        units: [Range<Int>], phrases: KeyPhrases, words: ContentWords, transcript: Transcript, keywordLimit: Int
    ) {
        var counts = HashTable(capacity: 1024)
        for unit in units { KeyPhrases.forEachCandidate(words, in: unit) { key, _ in counts.add(key) } }
        var candidates: [KeyPhrases.Phrase] = []
        counts.forEach { key, count in
            let share = Double(count) / Double(max(phrases.count(key), Int(count)))
            guard count >= 2, share >= 0.5, let first = phrases.firstSaid(key) else { return }
            let n = PhraseKey.length(key)
            candidates.append(
                KeyPhrases.Phrase(
                    key: key, length: n, firstToken: first, count: Int(count),
                    score: Double(count) * phrases.idf(key) * KeyPhrases.lengthWeight(n) * share))
        }
        let ranked = KeyPhrases.withoutFragments(candidates)
            .filter { $0.length > 1 || phrases.isName($0, in: transcript) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
        guard !ranked.isEmpty else { return nil }
        // A phrase inside another keyword ("tech forward" in "tech forward
        // customers") would count the same words twice.
        keywords = []
        for phrase in ranked where keywords.count < keywordLimit {
            if keywords.allSatisfy({ !PhraseKey.contains($0.key, phrase.key) && !PhraseKey.contains(phrase.key, $0.key) }) {
                keywords.append(phrase)
            }
        }
        // Cut short is judged on the best few only: it takes a scan of the theme's words.
        let best = KeyPhrases.distinct(ranked.filter { !phrases.isFirstName($0, in: transcript) }, limit: 5)
        let named = zip(best, phrases.survey(best, in: units)).filter { !$1.isCutShort }.map(\.0)
        guard !named.isEmpty else { return nil }
        name = TitleRules.join(named.prefix(3).map { phrases.text(of: $0, in: transcript) })
    }
}

/// How phrases make a title or a name: as said, whole, at most about 40
/// characters (the side pane shows that much), two or three at most.
enum TitleRules {
    static let maximumLength = 40

    /// As many of `phrases`, in order, as fit together, skipping any that
    /// would not; the first that fits is always kept.
    static func join(_ phrases: [String], limit: Int = 3) -> String {
        var kept: [String] = []
        for phrase in phrases where kept.count < limit {
            let joined = (kept + [phrase]).joined(separator: ", ")
            if joined.count <= maximumLength { kept.append(phrase) }
        }
        return kept.joined(separator: ", ")
    }
}
