import HarkCore
import HarkTestSupport
import Testing

@testable import HarkTopics

/// Chapters and key phrases on small transcripts made by hand: three
/// subjects, each with its own vocabulary, talked about in turn.
struct ChapterTests {
    static let cooking = [
        "The secret of a good risotto is the stock, you know, warm chicken stock.",
        "You add the stock to the rice slowly, a ladle at a time.",
        "Arborio rice releases starch and the risotto gets creamy.",
        "Then parmesan and butter at the end, off the heat.",
        "I like a risotto with mushrooms, porcini mushrooms especially.",
        "Dried porcini need soaking, and the soaking water goes into the stock.",
        "Stir the rice, but not all the time, kind of gently.",
        "The rice should be al dente, a little bite in the middle.",
    ]
    static let football = [
        "The match on Saturday was decided by a penalty in extra time.",
        "Their goalkeeper saved two penalties in the shootout.",
        "The striker scored twice, both goals from corners.",
        "The manager changed the formation at half time, three at the back.",
        "The midfield pressed high and the defenders held the line.",
        "A red card for the captain, so they played with ten men.",
        "The league table is tight, the title race goes to the last match.",
        "The referee checked the penalty on the video screen.",
    ]
    static let astronomy = [
        "The telescope was pointed at Jupiter and its four moons.",
        "On a dark night you see the Milky Way, thousands of stars.",
        "Saturn's rings show up even in a small telescope.",
        "The comet's tail points away from the sun, pushed by the solar wind.",
        "A lunar eclipse turns the moon red as the earth's shadow crosses it.",
        "Galaxies like Andromeda are millions of light years away.",
        "The planets move against the background stars over weeks.",
        "Astronomers measure a star's distance with parallax.",
    ]

    /// Each subject for `perSubject` segments of 6 s, its sentences repeated in turn.
    static func interview(_ subjects: [[String]], perSubject: Int = 60) -> Transcript {
        var segments: [Segment] = []
        for subject in subjects {
            for i in 0..<perSubject {
                let start = Milliseconds(segments.count) * 6000
                segments.append(Segment(start: start, end: start + 5500, text: subject[(i * 3) % subject.count]))
            }
        }
        return Transcript(source: "t", format: .srt, segments: segments)
    }

    @Test func chaptersStartWhereTheSubjectChanges() {
        let transcript = Self.interview([Self.cooking, Self.football, Self.astronomy])
        let chapters = TopicAnalysis(transcript).chapters
        #expect(chapters.count == 3)
        let starts = chapters.map(\.segments.lowerBound)
        #expect(starts.first == 0)
        guard starts.count == 3 else { return }
        #expect(abs(starts[1] - 60) <= 3, "the second chapter starts at \(starts[1])")
        #expect(abs(starts[2] - 120) <= 3, "the third chapter starts at \(starts[2])")
        // Chapters cover the transcript with no gap.
        #expect(chapters.last!.segments.upperBound == transcript.segments.count)
        #expect(zip(chapters, chapters.dropFirst()).allSatisfy { $0.segments.upperBound == $1.segments.lowerBound })
    }

    @Test func chapterTitlesComeFromTheirOwnSubject() {
        let chapters = TopicAnalysis(Self.interview([Self.cooking, Self.football, Self.astronomy])).chapters
        guard chapters.count == 3 else {
            Issue.record("expected three chapters, got \(chapters.count)")
            return
        }
        let vocabularies = [Self.cooking, Self.football, Self.astronomy].map { $0.joined(separator: " ").lowercased() }
        for (chapter, vocabulary) in zip(chapters, vocabularies) {
            #expect(!chapter.keyPhrases.isEmpty)
            for phrase in chapter.keyPhrases {
                #expect(vocabulary.contains(phrase.lowercased()), "\(phrase) in \(chapter.title)")
            }
        }
    }

    @Test func fillersAndStopWordsAreNeverKeyPhrases() {
        let chapters = TopicAnalysis(Self.interview([Self.cooking, Self.football])).chapters
        let words = Set(chapters.flatMap(\.keyPhrases).flatMap { $0.lowercased().split(separator: " ").map(String.init) })
        for filler in ["like", "you", "know", "kind", "of", "the", "a", "and"] { #expect(!words.contains(filler)) }
    }

    @Test func oneSubjectIsOneChapter() {
        let chapters = TopicAnalysis(Self.interview([Self.cooking], perSubject: 150)).chapters
        #expect(chapters.count == 1)
    }

    @Test func aShortOrEmptyTranscriptIsOneChapterOrNone() {
        #expect(TopicAnalysis(Transcript(source: "t", format: .srt, segments: [])).chapters.isEmpty)
        let short = Self.interview([Self.cooking, Self.football], perSubject: 4)
        #expect(TopicAnalysis(short).chapters.count == 1)
    }

    @Test func keyPhrasesBecomeTopicsWithPassages() {
        let analysis = TopicAnalysis(Self.interview([Self.cooking, Self.football, Self.astronomy]))
        let topics = analysis.automaticTopics()
        #expect(!topics.isEmpty)
        for topic in topics {
            #expect(topic.source == .auto)
            #expect(!topic.passages.isEmpty)
        }
    }

    @Test func keyPhrasesDoNotRunAcrossTheEndOfASentence() {
        let transcript = Transcript(
            source: "t", format: .srt,
            segments: [
                Segment(start: 0, end: 1000, text: "We love structured"),
                Segment(start: 1000, end: 2000, text: "data."),
                Segment(start: 2000, end: 3000, text: "Pipelines fail, often"),
                Segment(start: 3000, end: 4000, text: "quietly and the end-to-end tests"),
            ])
        let words = ContentWords(transcript)
        // love structured | data. | Pipelines fail, | (often) quietly | (and the) end to end tests:
        // the full stop that ends a segment breaks a phrase too; one joining word does not.
        #expect(words.tokens.count == 9)
        let (broken, to) = (ContentWords.broken, ContentWords.Joiner.to)
        #expect(words.links == [broken, 0, 0, broken, 0, broken, broken, to, 0])
        #expect(words.segmentStarts == [0, 2, 3, 5, 9])
    }

    /// A long transcript's similarities are made in two halves at once and
    /// its block weights counted in two: the same figures as in one piece
    /// (the weights exactly, the similarities but for rounding).
    @Test func similaritiesInHalvesAreTheSameAsInOnePiece() throws {
        let words = ContentWords(try TestSupport.sample()).withoutWeakWords()
        let count = words.segmentStarts.count - 1
        #expect(TextTiling.weights(words, block: 90, splitAbove: 0) == TextTiling.weights(words, block: 90, splitAbove: .max))
        let whole = TextTiling.similarities(words, count: count, block: 90, splitAbove: .max)
        let halves = TextTiling.similarities(words, count: count, block: 90, splitAbove: 0)
        #expect(whole.count == halves.count)
        #expect(zip(whole, halves).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    /// Breaks kept at least the shortest chapter apart, by buckets of that
    /// width: a time is taken only if every time taken is that far from it.
    @Test func breaksAreTakenOnlyWhenClearOfTheOthers() {
        var taken = TextTiling.TakenTimes(duration: 1_000_000, apart: 150_000)
        let times: [Milliseconds] = [400_000, 400_000, 549_999, 550_000, 260_000, 250_000, 1_000_000]
        #expect(times.map { taken.insertIfClear($0) } == [true, false, false, true, false, true, true])
        var anything = TextTiling.TakenTimes(duration: 10, apart: 0)
        #expect([5, 5].map { anything.insertIfClear($0) } == [true, true])
    }
}

/// A title or a theme's name does not say a phrase twice, once in full and
/// once by its initials.
struct TitleRulesTests {
    @Test func anAcronymBesideThePhraseItStandsForIsLeftOut() {
        #expect(TitleRules.join(["machine learning", "ML", "data teams"]) == "machine learning, data teams")
        #expect(TitleRules.join(["LLMs", "large language models", "prompts"]) == "LLMs, prompts")
        #expect(TitleRules.join(["time-series data", "TSD"]) == "time-series data")
        // Initials that spell another word, or words that do not match, stay.
        #expect(TitleRules.join(["ML", "model launch pad"]) == "ML, model launch pad")
        #expect(TitleRules.join(["AI", "machine learning"]) == "AI, machine learning")
        #expect(TitleRules.join(["Rust", "SQL"]) == "Rust, SQL")
        #expect(TitleRules.join(["ml", "machine learning"]) == "ml, machine learning")
    }
}

/// Groups of units the tree gives that are not themes.
struct ThemeFramingTests {
    @Test func onlyTheFirstAndLastUnitsTogetherAreTheFraming() {
        #expect(ThemeClusters.isFraming([0, 9], of: 10))
        // A subject that opens and closes the conversation runs on beyond them.
        #expect(!ThemeClusters.isFraming([0, 1, 9], of: 10))
        #expect(!ThemeClusters.isFraming([0, 5, 9], of: 10))
        #expect(!ThemeClusters.isFraming([1, 9], of: 10))
        #expect(!ThemeClusters.isFraming([0, 1], of: 2))
    }

}

/// A theme that says no phrase twice.
struct ThemeWithoutPhrasesTests {
    /// A theme that says no phrase twice is named by its own single words,
    /// said there most of their times, and finds its passages by them.
    @Test func aThemeWithoutPhrasesIsNamedByItsWords() {
        // Each said once: no two words stand together twice.
        let ovens = [
            "Our gas bill tripled last winter.", "The oven burns gas all day long.",
            "A deck oven must be hot before baking starts.", "Heating that oven alone costs a fortune in gas.",
            "Now we fire it once, bread first, cakes as the oven cools.", "Nobody enjoyed paying for gas then.",
            "The proving cabinets switched away from gas entirely.", "An oven like ours eats money.",
            "Gas prices were in every paper.", "Some bakers sold their oven outright.",
            "Cheaper gas came back slowly in spring.", "The oven still decides what bread costs.",
        ]
        let repeated = { (subject: [String]) in (0..<40).map { subject[($0 * 3) % subject.count] } }
        let texts = repeated(ChapterTests.football) + ovens + repeated(ChapterTests.astronomy)
        let segments = texts.indices.map { i in
            Segment(start: Milliseconds(i) * 6000, end: Milliseconds(i) * 6000 + 5500, text: texts[i])
        }
        let transcript = Transcript(source: "t", format: .srt, segments: segments)
        let topics = TopicAnalysis(transcript).automaticTopics()
        let named = topics.first { $0.name.contains("oven") || $0.name.contains("gas") }
        #expect(named != nil, "\(topics.map(\.name))")
        // Its passages start among the ovens (and run to their paragraph's end) and hold most of them.
        let passages = named?.passages ?? []
        #expect(passages.allSatisfy { (40..<52).contains($0.segments.lowerBound) }, "\(passages.map(\.segments))")
        #expect((40..<52).filter { s in passages.contains { $0.segments.contains(s) } }.count >= 8)
    }
}

/// When a capitalised word is said as a person's name, which a title or a
/// theme's name never is alone.
struct PersonNameTests {
    /// Whether `word` is said as a person's name at any place in `sentence`.
    static func isPerson(_ word: String, in sentence: String) -> Bool {
        let transcript = Transcript(
            source: "t", format: .srt, segments: [Segment(start: 0, end: 5000, text: sentence)])
        let words = ContentWords(transcript)
        let phrases = KeyPhrases(words, chapters: [0..<words.tokens.count])
        return transcript.withContinuousText { text in
            words.tokens.indices.contains { t in
                let range = Int(words.starts[t])..<Int(words.ends[t])
                return String(decoding: text[range], as: UTF8.self) == word && phrases.isSaidAsPersonName(at: t, in: text)
            }
        }
    }

    @Test func spokenToTitledPairedOrNamedFully() {
        #expect(Self.isPerson("Wally", in: "And she said to me, Wally, you come home every night soaked."))
        #expect(Self.isPerson("Wally", in: "She looked at the water. Oh, Wally, look at it."))
        #expect(Self.isPerson("Wally", in: "And whose side are you on, Wally?"))
        #expect(Self.isPerson("Ada", in: "The Hollinsheads, Ada and Jim Hollinshead, were the ones."))
        #expect(Self.isPerson("Ada", in: "They renamed the boat for Ada herself."))
        #expect(Self.isPerson("Prentice", in: "Then Mr Prentice came down the towpath."))
        #expect(Self.isPerson("Gibbons", in: "The last were Jack Gibbons and his brother."))
        // As a sentence starts, "Jack" could be any capitalised word ("Eventually Kubernetes").
        #expect(!Self.isPerson("Gibbons", in: "Jack Gibbons kept going for years."))
        #expect(Self.isPerson("Peter", in: "Good morning Peter, what is your question?"))
        #expect(Self.isPerson("Sue", in: "So when Sue on reception says sorry, they take it personally."))
        #expect(Self.isPerson("Wally", in: "And Ted said, Wally, never leave your windlass on the spindle."))
        #expect(Self.isPerson("Hussain", in: "I went to see Dr. Hussain about it."))
        #expect(Self.isPerson("Anna", in: "My guest today is Anna Keller from the bakery."))
        #expect(Self.isPerson("Sue's", in: "It was all done. Thanks, Sue's done it again."))
    }

    @Test func thingsAndPlacesAreNot() {
        #expect(!Self.isPerson("Rust", in: "Why Rust? Because Rust is fast."))
        #expect(!Self.isPerson("Board", in: "The Board closed the arm in the spring."))
        #expect(!Self.isPerson("Python", in: "We use Python and SQL for the data."))
        #expect(!Self.isPerson("Brackley", in: "I was born in Brackley, which is near the locks."))
        #expect(!Self.isPerson("SQL", in: "He asked me, SQL, really?"))
        #expect(!Self.isPerson("Python", in: "Python is what they use, he said."))
        #expect(!Self.isPerson("Python", in: "We moved to Python and she said it was slow."))
        #expect(!Self.isPerson("London", in: "Do you know, I miss London a lot."))
        #expect(!Self.isPerson("Teams", in: "We moved the clinic to MS Teams last year."))
        #expect(!Self.isPerson("Rust", in: "We use Go, Python, Rust."))
        #expect(!Self.isPerson("Python", in: "It is slow. Well, Python, it is fast enough."))
        #expect(!Self.isPerson("Kubernetes", in: "We tried. Eventually Kubernetes won."))
        #expect(!Self.isPerson("Brackley", in: "She taught geography at Brackley Grammar for years."))
        #expect(!Self.isPerson("Market", in: "The shops on Market Road were against it."))
    }
}
