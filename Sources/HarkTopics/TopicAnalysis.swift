import HarkCore

/// A stretch of the conversation on one subject, found by hark.
public struct Chapter: Equatable, Sendable {
    public var segments: Range<Int>
    public var start: Milliseconds
    public var end: Milliseconds
    public var title: String
    public var keyPhrases: [String]
}

/// What hark finds on its own, for a transcript with no topics file:
/// chapters where the subject changes, each titled by its key phrases, and
/// themes, the stretches that share vocabulary across the whole
/// conversation, as topics with passages.
public struct TopicAnalysis: Sendable {
    public let transcript: Transcript
    public let chapters: [Chapter]
    private let words: ContentWords
    private let phrases: KeyPhrases
    /// The chapters as token ranges.
    private let chapterTokens: [Range<Int>]

    public init(_ transcript: Transcript) {
        self.init(transcript, tiling: TextTiling.Parameters())
    }

    init(_ transcript: Transcript, tiling: TextTiling.Parameters) {
        self.transcript = transcript
        let words = ContentWords(transcript)
        self.words = words
        let starts = [0] + TextTiling.boundaries(words.withoutWeakWords(), in: transcript, parameters: tiling)
        let count = transcript.segments.count
        let segmentRanges = zip(starts, starts.dropFirst() + [count]).map { $0..<$1 }.filter { !$0.isEmpty }
        chapterTokens = segmentRanges.map { words.tokenRange(ofSegments: $0) }
        let phrases = KeyPhrases(words, chapters: chapterTokens)
        self.phrases = phrases
        // Titles in two halves at once.
        let halves = Parallel.halves(of: segmentRanges.count, if: segmentRanges.count > 64)
        chapters = Parallel.map(halves.count) { h in
            transcript.withContinuousText { text in
                halves[h].map { c in
                    let range = segmentRanges[c]
                    let (keyPhrases, title) = Self.keyPhrasesAndTitle(ofChapter: c, phrases, text)
                    return Chapter(
                        segments: range, start: transcript.start(of: range.lowerBound),
                        end: transcript.end(of: range.upperBound - 1), title: title, keyPhrases: keyPhrases)
                }
            }
        }.flatMap { $0 }
    }

    /// The chapter's five best phrases, and its title: its best phrases
    /// that can stand in one, as said: of two or three words, or a name that
    /// is not a person's first name ("SQL", "Rust", not "Shreya"), not cut
    /// short, not said there as a person's name ("Wally", spoken to), not a
    /// quantity, a date or a person by title (`KeyPhrases.isDetail`); a
    /// single common word ("boxes", "burden") only when the chapter has
    /// nothing better, and then alone. One scan of the chapter finds them
    /// all where first said there (a second, for its own few, only when no
    /// phrase or name can stand).
    private static func keyPhrasesAndTitle(
        ofChapter c: Int, _ phrases: KeyPhrases, _ text: UnsafeBufferPointer<UInt8>
    ) -> (keyPhrases: [String], title: String) {
        let ranked = phrases.ranked(inChapter: c)
        let best = KeyPhrases.pick(ranked, limit: 5)
        let titled = KeyPhrases.pick(ranked, limit: 4) {
            ($0.length > 1 || (phrases.isName($0, in: text) && !phrases.isFirstName($0, in: text)))
                && !phrases.isDetail($0, in: text)
        }
        let chapter = [phrases.chapterTokens(c)]
        // One survey of the chapter for both lists, each phrase once.
        var surveyed = best
        for phrase in titled where !best.contains(where: { $0.key == phrase.key }) { surveyed.append(phrase) }
        let survey = phrases.survey(surveyed, in: chapter, text: text)
        func asSaid(_ phrase: KeyPhrases.Phrase, _ survey: KeyPhrases.Survey) -> String {
            var said = phrase
            said.firstToken = survey.firstToken
            return phrases.text(of: said, in: text)
        }
        let keyPhrases = best.indices.map { asSaid(best[$0], survey[$0]) }
        // Only the candidates that a title may take are shown as said.
        func joined(_ candidates: [KeyPhrases.Phrase], _ surveys: [KeyPhrases.Survey], most: Int) -> String {
            var title = ""
            var kept = 0
            for (phrase, survey) in zip(candidates, surveys) where kept < most {
                guard !survey.isCutShort, !survey.isPersonName else { continue }
                let k = best.firstIndex { $0.key == phrase.key }
                guard let joined = TitleRules.adding(k.map { keyPhrases[$0] } ?? asSaid(phrase, survey), to: title) else {
                    continue
                }
                title = joined
                kept += 1
            }
            return title
        }
        let titledSurveys = titled.map { phrase in survey[surveyed.firstIndex { $0.key == phrase.key }!] }
        var title = joined(titled, titledSurveys, most: 2)
        if title.isEmpty {
            // None of those can stand (none, or each a person, said so in the
            // chapter): the best phrase or single word that can, alone, from
            // a survey of its own.
            let single = KeyPhrases.pick(ranked, limit: 4) {
                !phrases.isFirstName($0, in: text) && !phrases.isDetail($0, in: text)
            }
            title = joined(single, phrases.survey(single, in: chapter, text: text), most: 1)
        }
        guard let first = title.first else { return (keyPhrases, "(no key phrases)") }
        return (keyPhrases, first.uppercased() + String(title.dropFirst()))
    }

    /// Themes as topics: the units of each theme (`ThemeClusters`) give its
    /// name and keywords (`ThemeNaming`), and its keywords' hits, found among
    /// the content words stem for stem (singular and plural alike, without a
    /// second pass over the text), become passages as a topics file's do,
    /// each keyword a keyword of its own in the passages' scores. A theme
    /// whose keywords make no passage is left out.
    public func automaticTopics(limit: Int = 6) -> [Topic] {
        var parameters = ThemeClusters.Parameters()
        parameters.themes = limit
        return automaticTopics(parameters, keywords: 8)
    }

    func automaticTopics(_ parameters: ThemeClusters.Parameters, keywords: Int) -> [Topic] {
        let clusters = ThemeClusters(words, chapters: chapterTokens, parameters: parameters)
        let themeUnits = clusters.themes.map { $0.map { clusters.units[$0] } }
        let tallies = ThemeNaming.tallies(themeUnits, words)
        let named = transcript.withContinuousText { text in
            var personsAnywhere = PersonsAnywhere()
            return themeUnits.indices.compactMap { t in
                ThemeNaming(
                    units: themeUnits[t], tally: tallies[t], phrases: phrases, text: text, keywordLimit: keywords,
                    personsAnywhere: &personsAnywhere)
            }
        }
        let definitions = named.map { theme in
            TopicDefinition(
                name: theme.name,
                keywords: theme.keywords.flatMap { phrase -> [String] in
                    let text = phrases.text(of: phrase, in: transcript)
                    return [text, text.lowercased().hasSuffix("s") ? String(text.dropLast()) : text + "s"]
                })
        }
        let found = phrases.occurrences(of: named.flatMap(\.keywords))
        var hits: [[PassageBuilder.Hit]] = []
        var offset = 0
        for theme in named {
            hits.append(
                theme.keywords.indices.flatMap { k in
                    found[offset + k].map { PassageBuilder.Hit(segment: words.segment(ofToken: $0), keyword: k) }
                })
            offset += theme.keywords.count
        }
        let topics = TopicFinder.assemble(definitions, hits, source: .auto, in: transcript, rules: PassageBuilder.Rules())
        return topics.filter { !$0.passages.isEmpty }
    }
}
