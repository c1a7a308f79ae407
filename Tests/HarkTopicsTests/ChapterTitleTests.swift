import Foundation
import HarkCore
import HarkTestSupport
import HarkTopics
import Testing

/// Every chapter title of the sample and of the conversations written for
/// checking (`sample-data/conversations/`) follows the rules a reader
/// expects: phrases as said in the chapter, whole, at most 40 characters,
/// never a lone filler or a lone first name. The rules are written here
/// afresh, from the chapter's text, not with the code that makes titles.
@Suite struct ChapterTitleTests {
    /// Each transcript with the first names of the people in it or named in it.
    static let transcripts: [(path: String, firstNames: Set<String>)] = [
        (
            "sample-data/gradient-dissent-sarah-catanzaro.whisper.txt",
            ["sarah", "lucas", "shreya", "andrew", "chris", "sean", "luca", "linus"]
        ),
        ("sample-data/conversations/bakery.whisper.txt", ["anna", "peter", "tom"]),
        ("sample-data/conversations/cycling.whisper.txt", ["maria"]),
        (
            "sample-data/conversations/archive.whisper.txt",
            [
                "claire", "walter", "wally", "joan", "ted", "michael", "susan", "ada", "margaret", "jack", "jim", "rosie",
                "doris",
            ]
        ),
        (
            "sample-data/conversations/clinic.whisper.txt",
            [
                "hannah", "ruth", "mark", "alan", "jean", "linda", "sue", "kerry", "chloe", "jack", "gareth", "femi",
                "bethan", "alison", "bill", "imran", "tomasz", "owen",
            ]
        ),
    ]
    static let fillers: Set<String> = [
        "yeah", "okay", "like", "stuff", "thing", "things", "so", "well", "um", "uh", "right", "really", "actually",
        "basically", "kind", "sort", "lot", "bit", "know", "mean", "think", "just", "good", "great", "cool",
    ]
    static let quantitiesAndDates: Set<String> = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty",
        "forty", "fifty", "sixty", "hundred", "thousand", "million", "january", "february", "march", "april", "june",
        "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday",
    ]
    /// Words that may stand next to a phrase every time without making it
    /// part of a longer one ("the cloud vendors").
    static let functionWords: Set<String> = [
        "the", "a", "an", "this", "that", "these", "those", "of", "to", "and", "or", "in", "on", "for", "with", "is",
        "are", "was", "were", "be", "about", "like", "our", "your", "their", "my", "his", "her", "its", "some", "any",
        "more", "most", "very", "i", "we", "you", "they", "it", "as", "at", "by", "from", "so", "but", "not", "all",
    ]

    @Test(arguments: transcripts.indices) func everyTitleFollowsTheRules(_ index: Int) throws {
        let (path, firstNames) = Self.transcripts[index]
        let transcript = try TranscriptLoader.load(path: TestSupport.repositoryRoot.appendingPathComponent(path).path)
        let chapters = TopicAnalysis(transcript).chapters
        #expect(!chapters.isEmpty)
        for chapter in chapters {
            let title = chapter.title
            #expect(title.count <= 40, "\(title) is longer than 40 characters")
            let text = Self.sentences(of: chapter, in: transcript)
            let phrases = title.components(separatedBy: ", ")
            for a in phrases {
                for b in phrases { #expect(!Self.isAcronym(a, of: b), "\(title) says \(b) twice") }
            }
            for phrase in phrases {
                let words = Evaluation.words(phrase)
                #expect(!words.isEmpty, "\(title)")
                let places = Self.occurrences(of: words, in: text)
                #expect(!places.isEmpty, "\"\(phrase)\" is not said in the chapter titled \(title)")
                if places.count >= 2 {
                    for side in [-1, 1] {
                        let neighbours = Set(places.map { $0[side] ?? "" })
                        let always = neighbours.count == 1 ? neighbours.first! : ""
                        #expect(
                            always.isEmpty || Self.functionWords.contains(always),
                            "\"\(phrase)\" is always said with \"\(always)\": a fragment, in \(title)")
                    }
                }
                #expect(
                    !words.contains { Self.quantitiesAndDates.contains($0) || $0.first!.isNumber },
                    "a quantity or a date, a detail of one passage: \(title)")
                #expect(!["mr", "mrs", "ms", "dr"].contains(words[0]), "a person by their title: \(title)")
                if words.count == 1 {
                    #expect(!firstNames.contains(words[0]), "a lone first name in \(title)")
                    #expect(!(phrases.count == 1 && Self.fillers.contains(words[0])), "a lone filler: \(title)")
                }
            }
        }
    }

    /// "ML" for "machine learning", "LLMs" for "large language models".
    static func isAcronym(_ short: String, of long: String) -> Bool {
        let letters = short.hasSuffix("s") ? String(short.dropLast()) : short
        let initials = long.split { $0 == " " || $0 == "-" }.compactMap(\.first).map { String($0).uppercased() }
        return letters.count > 1 && letters == letters.uppercased() && initials.joined() == letters
    }

    /// The chapter's text as sentences of words (a full stop, question or
    /// exclamation mark, or comma ends a run a phrase cannot cross).
    static func sentences(of chapter: Chapter, in transcript: Transcript) -> [[String]] {
        let text = chapter.segments.map { transcript.text(of: $0) }.joined(separator: " ")
        return text.split { ".?!,;:".contains($0) }.map { Evaluation.words(String($0)) }
    }

    /// Each place the words are said in a row, with the word before (-1) and after (1).
    static func occurrences(of words: [String], in sentences: [[String]]) -> [[Int: String]] {
        var places: [[Int: String]] = []
        for sentence in sentences where sentence.count >= words.count {
            for start in 0...(sentence.count - words.count) where Array(sentence[start..<(start + words.count)]) == words {
                var place: [Int: String] = [:]
                if start > 0 { place[-1] = sentence[start - 1] }
                if start + words.count < sentence.count { place[1] = sentence[start + words.count] }
                places.append(place)
            }
        }
        return places
    }
}
