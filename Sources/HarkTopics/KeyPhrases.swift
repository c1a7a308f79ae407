import Glibc
import HarkCore

/// Key phrases in the manner of TF-IDF over chapters: candidates are runs of
/// one to three content words with no punctuation between them and no stop
/// word but a single joining one ("large language model", "structured data",
/// "end to end platforms"), a weak word ("time", "point") only beside
/// another ("time series"); a phrase is key to a chapter when it is said
/// often there and in few other chapters.
struct KeyPhrases {
    struct Phrase: Sendable {
        /// `PhraseKey`: stem ids and the joining words between them.
        var key: UInt64
        var length: Int
        /// Where it is first said: token indexes.
        var firstToken: Int
        var count: Int
        var score: Double
    }

    private let words: ContentWords
    private let chapters: [Range<Int>]  // token ranges
    /// Per phrase: how many chapters it appears in, how often in all, and
    /// the token where it is first said.
    private let chapterFrequency: HashTable
    private let totalCount: HashTable
    private let firstToken: HashTable
    /// Per chapter, the phrases said there twice or more (the only ones that
    /// can be its key phrases) and how often: chapter `c`'s are
    /// `repeated[repeatedStarts[c]..<repeatedStarts[c + 1]]`. Kept from the
    /// counting pass so that titling needs no second one.
    private let repeated: [(key: UInt64, count: Int32)]
    private let repeatedStarts: [Int]

    init(_ words: ContentWords, chapters: [Range<Int>]) {
        self.words = words
        self.chapters = chapters
        // Chapters are counted in two halves at once, then the tables merged.
        let halves = Parallel.halves(of: chapters.count, if: chapters.count > 64)
        let counted = Parallel.map(halves.count) { h in
            var frequency = HashTable()
            var total = HashTable()
            var first = HashTable()
            var repeated: [(key: UInt64, count: Int32)] = []
            var lengths: [Int] = []
            var inChapter = HashTable(capacity: 1024)
            for c in halves[h] {
                inChapter.removeAll()
                Self.forEachCandidate(words, in: chapters[c]) { key, start in
                    // Where first said: looked up only the first time in a chapter.
                    if inChapter.counting(key) == 1 { _ = first.value(key, orInsert: { Int32(start) }) }
                }
                let before = repeated.count
                inChapter.forEach { key, count in
                    frequency.add(key)
                    total.add(key, count)
                    if count >= 2 { repeated.append((key, count)) }
                }
                lengths.append(repeated.count - before)
            }
            return (frequency, total, first, repeated, lengths)
        }
        var (frequency, total, first, repeated, lengths) = counted[0]
        for (f, t, s, r, l) in counted.dropFirst() {
            f.forEach { frequency.add($0, $1) }
            t.forEach { total.add($0, $1) }
            s.forEach { key, start in _ = first.value(key, orInsert: { start }) }
            repeated += r
            lengths += l
        }
        chapterFrequency = frequency
        totalCount = total
        firstToken = first
        self.repeated = repeated
        var starts = [0]
        for length in lengths { starts.append(starts.last! + length) }
        repeatedStarts = starts
    }

    /// Every 1-, 2- and 3-word run that starts in `range` and stays in it;
    /// with `firstWords` (per stem), only those whose first word it marks.
    static func forEachCandidate(
        _ words: ContentWords, in range: Range<Int>, firstWords: [Bool]? = nil, _ body: (UInt64, Int) -> Void
    ) {
        if let firstWords {
            firstWords.withUnsafeBufferPointer { forEachCandidate(words, in: range, MarkedWords(marked: $0), body) }
        } else {
            forEachCandidate(words, in: range, AnyWord(), body)
        }
    }

    /// Which words a scan starts phrases at (specialised, so that the scan
    /// of every word costs nothing more).
    private protocol FirstWords { func contains(_ stem: Int32) -> Bool }
    private struct AnyWord: FirstWords {
        @inline(__always) func contains(_ stem: Int32) -> Bool { true }
    }
    private struct MarkedWords: FirstWords {
        let marked: UnsafeBufferPointer<Bool>
        @inline(__always) func contains(_ stem: Int32) -> Bool { marked[Int(stem)] }
    }

    @inline(__always) private static func forEachCandidate<F: FirstWords>(
        _ words: ContentWords, in range: Range<Int>, _ firstWords: F, _ body: (UInt64, Int) -> Void
    ) {
        words.tokens.withUnsafeBufferPointer { tokens in
            words.links.withUnsafeBufferPointer { links in
                words.isWeak.withUnsafeBufferPointer { isWeak in
                    for i in range where tokens[i] < PhraseKey.stemLimit && firstWords.contains(tokens[i]) {
                        var key: UInt64 = 0
                        var weakOnly = true
                        for n in 0..<3 {
                            let k = i + n
                            guard k < range.upperBound, n == 0 || links[k] != ContentWords.broken, tokens[k] < PhraseKey.stemLimit
                            else { break }
                            key = PhraseKey.appending(key, word: n, stem: tokens[k], joiner: n == 0 ? 0 : links[k])
                            weakOnly = weakOnly && isWeak[Int(tokens[k])]
                            if !weakOnly { body(key, i) }
                        }
                    }
                }
            }
        }
    }

    /// Where each phrase is said, as the indexes of its first tokens (a
    /// phrase listed twice is found for both).
    func occurrences(of phrases: [Phrase]) -> [[Int]] {
        var wanted = HashTable()
        for (k, phrase) in phrases.enumerated() { _ = wanted.value(phrase.key, orInsert: { Int32(k) }) }
        var found = [[Int]](repeating: [], count: phrases.count)
        Self.forEachCandidate(words, in: 0..<words.tokens.count, firstWords: firstWords(of: phrases)) { key, start in
            if let k = wanted.value(key) { found[Int(k)].append(start) }
        }
        return phrases.indices.map { found[Int(wanted.value(phrases[$0].key)!)] }
    }

    /// Whether each of `phrases` (single words) is said in `ranges` just
    /// after an article or a possessive ("the weir", "a flood", "our
    /// cottage") a quarter of its times there or more: a word that seldom
    /// is, is rarely a thing ("missed", "completely", "understand").
    func isSaidAsThing(_ phrases: [Phrase], in ranges: [Range<Int>], text: UnsafeBufferPointer<UInt8>) -> [Bool] {
        var index = HashTable()
        for (k, phrase) in phrases.enumerated() { _ = index.value(phrase.key, orInsert: { Int32(k) }) }
        var said = [Int](repeating: 0, count: phrases.count)
        var afterArticle = [Int](repeating: 0, count: phrases.count)
        let marks = firstWords(of: phrases)
        for range in ranges {
            Self.forEachCandidate(words, in: range, firstWords: marks) { key, t in
                guard let k = index.value(key).map(Int.init) else { return }
                said[k] += 1
                let start = Int(words.starts[t])
                if let previous = Self.word(in: text, before: start), previous.upperBound < start,
                    ThingCues.articles.contains(Self.foldedHash(text, previous))
                {
                    afterArticle[k] += 1
                }
            }
        }
        return phrases.map { phrase in
            let k = Int(index.value(phrase.key)!)
            return afterArticle[k] * 4 >= said[k] && afterArticle[k] > 0
        }
    }

    /// Per stem, whether it is the first word of one of `phrases`: a scan for
    /// a few phrases looks further only at those.
    func firstWords(of phrases: [Phrase]) -> [Bool] {
        var marked = [Bool](repeating: false, count: words.stemCount)
        for phrase in phrases { marked[Int(phrase.key & PhraseKey.stemMask) - 1] = true }
        return marked
    }

    /// Every token of the transcript.
    var allTokens: Range<Int> { 0..<words.tokens.count }

    /// Chapter `c`'s tokens.
    func chapterTokens(_ c: Int) -> Range<Int> { chapters[c] }

    /// How often the phrase is said in the whole transcript.
    func count(_ key: UInt64) -> Int { Int(totalCount.value(key) ?? 0) }

    /// Where the phrase is first said in the transcript (a token index).
    func firstSaid(_ key: UInt64) -> Int? { firstToken.value(key).map(Int.init) }

    func idf(_ key: UInt64) -> Double {
        log(Double(chapters.count + 1) / Double(chapterFrequency.value(key) ?? 1))
    }

    /// Longer phrases name a subject better than their words alone.
    static func lengthWeight(_ n: Int) -> Double { n == 1 ? 1 : n == 2 ? 1.6 : 1.8 }

    /// The chapter's phrases said twice or more there, fragments left out,
    /// best first, each where first said in the transcript (`survey` finds
    /// them in the chapter); `pick` chooses among them.
    func ranked(inChapter c: Int) -> [Phrase] {
        let phrases = repeated[repeatedStarts[c]..<repeatedStarts[c + 1]].map { key, count in
            let n = PhraseKey.length(key)
            return Phrase(
                key: key, length: n, firstToken: firstSaid(key)!, count: Int(count),
                score: Double(count) * idf(key) * Self.lengthWeight(n))
        }
        return Self.ranked(Self.withoutFragments(phrases))
    }

    /// What one scan of `ranges` tells about each of a few phrases.
    struct Survey {
        /// Where it is first said in the ranges, or -1.
        var firstToken = -1
        /// Whether, each time it is said there (twice or more), the same word
        /// stands joined to it on one side ("kilometres of protected bike"
        /// always before "lanes", "series data" after "time"): shown alone
        /// it would be cut short.
        var isCutShort = false
        /// Whether, one time at least, a one-word phrase is said as a
        /// person's name there (`isSaidAsPersonName`).
        var isPersonName = false
    }

    /// `Survey`s of `phrases` in one scan. Over long `ranges`, `marking`
    /// their first words makes the scan look further only at those words
    /// (marking costs a flag per stem: not worth it for a chapter).
    /// With `text`, one-word phrases are checked for a person's name where said.
    func survey(
        _ phrases: [Phrase], in ranges: [Range<Int>], marking: Bool = false, text: UnsafeBufferPointer<UInt8>? = nil
    ) -> [Survey] {
        var index = HashTable()
        for (k, phrase) in phrases.enumerated() { _ = index.value(phrase.key, orInsert: { Int32(k) }) }
        let count = phrases.count
        var first = [Int](repeating: -1, count: count)
        var said = [Int](repeating: 0, count: count)
        // Per phrase, the one word seen beside it on each side so far: `none`
        // before any, -1 once two differ or a time had none.
        let none = Int64.min
        var before = [Int64](repeating: none, count: count)
        var after = [Int64](repeating: none, count: count)
        var personName = [Bool](repeating: false, count: count)
        // Only a one-word phrase capitalised where first said can be a person's name.
        var mayBePerson = [Bool](repeating: false, count: count)
        if let text {
            for (k, phrase) in phrases.enumerated() where phrase.length == 1 {
                mayBePerson[k] = isCapitalisedWhereFirstSaid(phrase, in: text)
            }
        }
        /// The word before token `k` with the joining word between, if joined to it (-1 if not).
        func joined(before k: Int) -> Int64 {
            guard k > 0, k < words.tokens.count, words.links[k] != ContentWords.broken else { return -1 }
            return Int64(words.tokens[k - 1]) << 8 | Int64(words.links[k])
        }
        func merge(_ seen: inout Int64, _ word: Int64) { seen = seen == none || seen == word ? word : -1 }
        let firstWords = marking ? firstWords(of: phrases) : nil
        for range in ranges {
            Self.forEachCandidate(words, in: range, firstWords: firstWords) { key, start in
                guard let k = index.value(key).map(Int.init) else { return }
                if first[k] < 0 { first[k] = start }
                said[k] += 1
                let end = start + PhraseKey.length(key)
                merge(&before[k], joined(before: start))
                merge(&after[k], joined(before: end) < 0 ? -1 : Int64(words.tokens[end]) << 8 | Int64(words.links[end]))
                if let text, mayBePerson[k], !personName[k] { personName[k] = isSaidAsPersonName(at: start, in: text) }
            }
        }
        return phrases.map { phrase in
            let k = Int(index.value(phrase.key)!)
            let sameBeside = before[k] >= 0 || after[k] >= 0
            return Survey(firstToken: first[k], isCutShort: said[k] >= 2 && sameBeside, isPersonName: personName[k])
        }
    }

    /// Best first; ties broken by key so that the result never depends on hashing order.
    static func ranked(_ phrases: [Phrase]) -> [Phrase] {
        phrases.sorted { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
    }

    /// The first `limit` of `ranked` that `accept` takes and that share no
    /// word with one taken before (`accept` is asked only until then).
    static func pick(_ ranked: [Phrase], limit: Int, where accept: (Phrase) -> Bool = { _ in true }) -> [Phrase] {
        var chosen: [Phrase] = []
        var usedStems: [UInt64] = []  // a few: a list is quicker than a set
        for phrase in ranked where chosen.count < limit {
            let stems = PhraseKey.stems(phrase.key)
            guard stems.allSatisfy({ !usedStems.contains($0) }), accept(phrase) else { continue }
            chosen.append(phrase)
            usedStems += stems
        }
        return chosen
    }

    /// The phrases less those said nearly every time (75%) as part of a
    /// longer one among them ("level interfaces" in "higher-level
    /// interfaces", "end platforms" in "end to end platforms"): shown alone,
    /// they would be fragments.
    static func withoutFragments(_ phrases: [Phrase]) -> [Phrase] {
        var counts = HashTable(capacity: phrases.count)
        for phrase in phrases { counts.set(phrase.key, Int32(phrase.count)) }
        var fragments = HashTable(capacity: 16)
        for phrase in phrases where phrase.length > 1 {
            for part in PhraseKey.parts(phrase.key) {
                if let count = counts.value(part), Double(phrase.count) >= 0.75 * Double(count) { fragments.set(part, 1) }
            }
        }
        return fragments.count == 0 ? phrases : phrases.filter { fragments.value($0.key) == nil }
    }

    /// The phrase as first said, lowercased except for words that are names
    /// or acronyms (a capital after the first letter, or a capital in the
    /// middle of a sentence).
    func text(of phrase: Phrase, in transcript: Transcript) -> String {
        transcript.withContinuousText { text(of: phrase, in: $0) }
    }

    /// The same in the transcript's continuous text (a reach for it costs
    /// more than a phrase's text: titling reaches once for every chapter).
    func text(of phrase: Phrase, in text: UnsafeBufferPointer<UInt8>) -> String {
        let start = Int(words.starts[phrase.firstToken])
        let end = Int(words.ends[phrase.firstToken + phrase.length - 1])
        // A byte out for every byte in: punctuation inside becomes a space.
        return String(unsafeUninitializedCapacity: end - start) { result in
            var wordStart = true
            var keepCase = false
            for k in start..<end {
                let b = text[k]
                if !Words.isWordByte(b) && b != 0x27 {
                    result[k - start] = b == 0x2D ? b : 0x20
                    wordStart = true
                    continue
                }
                if wordStart {
                    keepCase = Self.keepsCase(text, wordStart: k)
                    wordStart = false
                }
                result[k - start] = keepCase || b &- 0x41 >= 26 ? b : b | 0x20
            }
            return end - start
        }
    }

    /// Whether the phrase's first word, where first said, is a name or an
    /// acronym ("Rust", "LLMs").
    /// A single letter ("C" of C++) is not taken for one.
    func isName(_ phrase: Phrase, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(words.starts[phrase.firstToken])
        guard Int(words.ends[phrase.firstToken + phrase.length - 1]) - start > 1 else { return false }
        return Self.keepsCase(text, wordStart: start)
    }

    /// Whether the phrase is one word that is a person's first name: where
    /// first said in the transcript, another name follows it ("Shreya
    /// Shingar", "Andrew Ng"), which an acronym does not ("Python SQL").
    func isFirstName(_ phrase: Phrase, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard phrase.length == 1, let first = firstSaid(phrase.key), first + 1 < words.tokens.count else { return false }
        guard words.links[first + 1] == ContentWords.joined else { return false }
        let next = Int(words.starts[first + 1])
        guard next - Int(words.ends[first]) == 1 else { return false }  // one space between
        guard Self.keepsCase(text, wordStart: Int(words.starts[first])), text[next] &- 0x41 < 26 else { return false }
        return next + 1 < text.count && text[next + 1] &- 0x61 < 26  // "Shingar", not "SQL"
    }

    /// Whether the phrase, where first said, is a detail of one passage
    /// rather than what a chapter or theme is about: a quantity or a date
    /// (a word of it a number, a month or a day: "thirty years", "twelve
    /// boats", "March"), or a person by their title ("Mr Prentice"; "Mr"
    /// alone).
    func isDetail(_ phrase: Phrase, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = Int(words.starts[phrase.firstToken])..<Int(words.ends[phrase.firstToken])
        if Self.isTitle(text, first) { return true }
        return (phrase.firstToken..<(phrase.firstToken + phrase.length)).contains { t in
            let word = Int(words.starts[t])..<Int(words.ends[t])
            // "1968", not "3D" or "5G".
            return word.allSatisfy { text[$0] &- 0x30 < 10 } || DetailWords.all.contains(Self.foldedHash(text, word))
        }
    }

    /// Whether the word at token `t` is said there as a person's name: a
    /// capitalised word (not an acronym) followed by another ("Anna
    /// Keller") or by "herself" or "himself", after a title ("Mr
    /// Prentice") or a greeting ("Good morning Peter", "thanks, Maria"),
    /// before a verb of speech ("Peter asks"), or spoken to: set off by a
    /// comma and ending the sentence ("whose side are you on, Wally?"), or
    /// after a verb of speech or an exclamation ("she said, Wally, you…",
    /// "Oh, Wally."). Where it is first said it may look like any other
    /// name ("Peter from Ashby").
    func isSaidAsPersonName(at t: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let word = Int(words.starts[t])..<Int(words.ends[t])
        guard Self.isCapitalised(text, word) else { return false }
        let next = Self.word(in: text, from: word.upperBound)
        let previous = Self.word(in: text, before: word.lowerBound)
        if Self.isNamedFully(text, word, previous: previous, next: next) || Self.followsTitle(text, word.lowerBound) {
            return true
        }
        if let next, PersonCues.speakingOrSelf.contains(Self.foldedHash(text, next)) { return true }
        if Self.speaks(within: 3, after: word.upperBound, in: text) { return true }
        guard let previous else { return false }
        return Self.isGreeted(text, previous: previous) || Self.isSpokenTo(text, word, previous: previous)
    }

    /// A name beside another: before a surname ("Anna Keller", not "Market
    /// Road"), a surname after a name that is not capitalised as a sentence
    /// starts ("and Jack Gibbons", not "Why Rust?" or "Eventually
    /// Kubernetes"), or one of two ("Ada and Jim Hollinshead").
    private static func isNamedFully(
        _ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, previous: Range<Int>?, next: Range<Int>?
    ) -> Bool {
        if let next, next.lowerBound == word.upperBound + 1, isCapitalised(text, next),
            !PersonCues.placeWords.contains(foldedHash(text, next))
        {
            return true
        }
        if let previous, previous.upperBound == word.lowerBound - 1, isCapitalised(text, previous),
            keepsCase(text, wordStart: previous.lowerBound)
        {
            return true
        }
        guard let next, foldedHash(text, next) == PersonCues.and, let other = self.word(in: text, from: next.upperBound),
            isCapitalised(text, other), let surname = self.word(in: text, from: other.upperBound)
        else { return false }
        return surname.lowerBound == other.upperBound + 1 && isCapitalised(text, surname)
    }

    /// After a greeting: "Good morning Peter", "thanks, Maria", "thank you Anna".
    private static func isGreeted(_ text: UnsafeBufferPointer<UInt8>, previous: Range<Int>) -> Bool {
        let before = foldedHash(text, previous)
        if PersonCues.greetings.contains(before) { return true }
        guard before == PersonCues.you, let earlier = word(in: text, before: previous.lowerBound) else { return false }
        return foldedHash(text, earlier) == PersonCues.thank
    }

    /// Spoken to: a comma before, not after another name (a list: "Go,
    /// Python, Rust."), and the sentence's end after ("whose side are you
    /// on, Wally?"), or a comma after a verb of speech or an exclamation
    /// ("Ted said, Wally, never…"), or before "you", "I" or "please"
    /// ("…, Wally, you come home…").
    private static func isSpokenTo(_ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, previous: Range<Int>) -> Bool {
        let (start, end) = (word.lowerBound, word.upperBound)
        guard previous.upperBound < start, text[previous.upperBound..<start].contains(0x2C), end < text.count,
            !(isCapitalised(text, previous) && keepsCase(text, wordStart: previous.lowerBound))
        else {
            return false
        }
        let after = text[end]
        if after == 0x3F || after == 0x21 || (after == 0x2E && !(end + 1 < text.count && Words.isWordByte(text[end + 1]))) {
            return true
        }
        guard after == 0x2C else { return false }
        let before = foldedHash(text, previous)
        if PersonCues.speaking.contains(before) || PersonCues.exclamations.contains(before) { return true }
        guard let following = self.word(in: text, from: end) else { return false }
        return PersonCues.spokenToAfter.contains(foldedHash(text, following))
    }

    /// Whether `word` is a title as written ("Mr", "Dr", not "miss" or "MS").
    static func isTitle(_ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        isCapitalised(text, word) && PersonCues.titles.contains(foldedHash(text, word))
    }

    /// Whether the word starting at `k` follows a title, with or without
    /// its full stop ("Mr Prentice", "Dr. Hussain").
    static func followsTitle(_ text: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
        var end = k
        while end > 0, text[end - 1] == 0x20 { end -= 1 }
        guard end < k else { return false }
        if end > 0, text[end - 1] == 0x2E { end -= 1 }
        var start = end
        while start > 0, Words.isWordByte(text[start - 1]) { start -= 1 }
        return end > start && isTitle(text, start..<end)
    }

    /// Whether a verb of speech is one of the `count` words after `k`, with
    /// only spaces between them and no pronoun, conjunction or name before
    /// it ("Sue on reception says", "Ted ever said", not "Python and she
    /// said").
    private static func speaks(within count: Int, after k: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = k
        for _ in 0..<count {
            guard position < text.count, text[position] == 0x20 else { return false }
            let start = position + 1
            let end = Words.wordEnd(text, from: start, limit: text.count)
            guard end > start else { return false }
            let word = foldedHash(text, start..<end)
            if PersonCues.speaking.contains(word) { return true }
            if PersonCues.clauseStarts.contains(word) || text[start] &- 0x41 < 26 { return false }
            position = end
        }
        return false
    }

    /// A capital and then small letters only, a possessive "'s" allowed
    /// ("Peter", "Sue's", not "SQL", "MLOps" or "peter").
    private static func isCapitalised(_ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        var end = word.upperBound
        if end - word.lowerBound > 3, text[end - 2] == 0x27, text[end - 1] == 0x73 { end -= 2 }
        return end - word.lowerBound >= 2 && text[word.lowerBound] &- 0x41 < 26
            && (word.lowerBound + 1..<end).allSatisfy { text[$0] &- 0x61 < 26 }
    }

    /// Whether the phrase, where first said, is a capitalised name before
    /// words in small letters ("Jean left", "Rust developers", not "Market
    /// Road" or "data sets").
    func isLedByName(_ phrase: Phrase, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard phrase.length > 1 else { return false }
        let first = Int(words.starts[phrase.firstToken])..<Int(words.ends[phrase.firstToken])
        guard Self.isCapitalised(text, first), Self.keepsCase(text, wordStart: first.lowerBound) else { return false }
        return (phrase.firstToken + 1..<phrase.firstToken + phrase.length).allSatisfy {
            text[Int(words.starts[$0])] &- 0x61 < 26
        }
    }

    /// Whether a one-word phrase is capitalised where first said (only such
    /// a word can be taken for a person's name).
    func isCapitalisedWhereFirstSaid(_ phrase: Phrase, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let token = firstSaid(phrase.key) ?? phrase.firstToken
        return phrase.length == 1 && Self.isCapitalised(text, Int(words.starts[token])..<Int(words.ends[token]))
    }

    /// The word after `k` past spaces and commas (none past other punctuation).
    private static func word(in text: UnsafeBufferPointer<UInt8>, from k: Int) -> Range<Int>? {
        var start = k
        while start < text.count, text[start] == 0x20 || text[start] == 0x2C { start += 1 }
        let end = Words.wordEnd(text, from: start, limit: text.count)
        return end > start ? start..<end : nil
    }

    /// The word before `k` past spaces and commas.
    private static func word(in text: UnsafeBufferPointer<UInt8>, before k: Int) -> Range<Int>? {
        var end = k
        while end > 0, text[end - 1] == 0x20 || text[end - 1] == 0x2C { end -= 1 }
        var start = end
        while start > 0, Words.isWordByte(text[start - 1]) { start -= 1 }
        return end > start ? start..<end : nil
    }

    /// The word's `WordHash`, lowercased.
    private static func foldedHash(_ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> UInt64 {
        word.reduce(WordHash.seed) { WordHash.adding($0, text[$1] &- 0x41 < 26 ? text[$1] | 0x20 : text[$1]) }
    }

    private static func keepsCase(_ text: UnsafeBufferPointer<UInt8>, wordStart k: Int) -> Bool {
        var end = k
        var capitalsInside = false
        while end < text.count, Words.isWordByte(text[end]) {
            if end > k, text[end] &- 0x41 < 26 { capitalsInside = true }
            end += 1
        }
        if capitalsInside { return true }
        guard text[k] &- 0x41 < 26 else { return false }
        // A capital that does not follow the end of a sentence marks a name;
        // a title's full stop ends none ("Mr. Prentice").
        var p = k - 1
        while p >= 0, text[p] == 0x20 || text[p] == 0x22 { p -= 1 }
        return p >= 0 && ((text[p] != 0x2E && text[p] != 0x3F && text[p] != 0x21) || followsTitle(text, k))
    }
}

/// Numbers, months and days, as `WordHash`es.
enum DetailWords {
    static let all: Set<UInt64> = Set(
        [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
            "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands",
            "million", "millions", "billion", "billions", "half", "dozen", "dozens", "fourth", "fifth", "january",
            "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        ].map { WordHash.of($0.utf8) })
}

/// Words before a thing, as `WordHash`es.
enum ThingCues {
    static let articles: [UInt64] = ["the", "a", "an", "our", "my", "his", "their", "your", "its"].map {
        WordHash.of($0.utf8)
    }
}

/// Words around a person's name in speech, as `WordHash`es.
enum PersonCues {
    static let greetings: [UInt64] = [
        "morning", "afternoon", "evening", "hi", "hello", "hey", "thanks", "welcome", "bye", "goodbye", "dear", "cheers",
    ].map { WordHash.of($0.utf8) }
    static let speaking: [UInt64] = [
        "says", "said", "asks", "asked", "tells", "told", "writes", "wrote", "explains", "explained", "mentions",
        "mentioned", "replies", "replied", "adds", "added", "argues", "argued",
    ].map { WordHash.of($0.utf8) }
    static let speakingOrSelf = speaking + ["herself", "himself"].map { WordHash.of($0.utf8) }
    static let titles: [UInt64] = ["mr", "mrs", "ms", "miss", "dr", "mister"].map { WordHash.of($0.utf8) }
    static let exclamations: [UInt64] = ["oh", "ah", "listen", "sorry", "please"].map {
        WordHash.of($0.utf8)
    }
    static let spokenToAfter: [UInt64] = ["you", "your", "you're", "you've", "you'll", "i", "i'm", "i've", "please"].map {
        WordHash.of($0.utf8)
    }
    /// Second words of the names of places and bodies ("Brackley Grammar",
    /// "Market Road"), not of persons.
    static let placeWords: Set<UInt64> = Set(
        [
            "street", "road", "lane", "avenue", "way", "square", "park", "bridge", "hill", "hall", "church", "chapel",
            "station", "market", "vale", "valley", "surgery", "hospital", "clinic", "university", "college", "school",
            "grammar", "academy", "board", "council", "society", "company", "club", "river", "canal", "lock", "locks",
            "mill", "farm", "house", "row", "green", "city", "town", "county", "island", "lake", "general", "inn",
        ].map { WordHash.of($0.utf8) })
    static let and = WordHash.of("and".utf8)
    /// Words that start another clause: a verb of speech after them is not the name's.
    static let clauseStarts: [UInt64] = [
        "and", "but", "or", "so", "then", "because", "when", "while", "i", "you", "he", "she", "we", "they", "it", "who",
        "that", "which",
    ].map { WordHash.of($0.utf8) }
    static let you = WordHash.of("you".utf8)
    static let thank = WordHash.of("thank".utf8)
}
