import Foundation
import HarkCore
import HarkTopics

/// How hark's topics and chapters are checked against a human reading of
/// the sample interview (`sample-data/annotations/`).
public enum Evaluation {
    public struct Agreement: CustomStringConvertible {
        public var precision: Double
        public var recall: Double
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        public var description: String {
            String(format: "precision %.2f, recall %.2f, F1 %.2f", precision, recall, f1)
        }
    }

    /// Segment-level agreement of a topic's passages with the segments a reader marked.
    public static func agreement(_ passages: [Passage], _ marked: Set<Int>) -> Agreement {
        var predicted = Set<Int>()
        for passage in passages { predicted.formUnion(passage.segments) }
        let both = Double(predicted.intersection(marked).count)
        return Agreement(
            precision: predicted.isEmpty ? 0 : both / Double(predicted.count),
            recall: marked.isEmpty ? 0 : both / Double(marked.count))
    }

    /// Pk (Beeferman et al., 1999): the chance that two segments k apart are
    /// wrongly judged to be in the same chapter or in different ones, with k
    /// half the mean length of the reference chapters. 0 is perfect; cutting
    /// at random or nowhere gives about 0.5.
    public static func pk(reference: [Int], hypothesis: [Int], count: Int) -> Double {
        func labels(_ starts: [Int]) -> [Int] {
            let starts = Set(starts)
            var label = 0
            return (0..<count).map { i in
                if i > 0, starts.contains(i) { label += 1 }
                return label
            }
        }
        let ref = labels(reference)
        let hyp = labels(hypothesis)
        let chapters = Set(reference.filter { $0 > 0 }).count + 1
        let k = max(1, Int((Double(count) / Double(chapters) / 2).rounded()))
        guard count > k else { return 0 }
        var errors = 0
        for i in 0..<(count - k) where (ref[i] == ref[i + k]) != (hyp[i] == hyp[i + k]) { errors += 1 }
        return Double(errors) / Double(count - k)
    }

    /// `name: 1-6, 24-95` lines; `#` starts a comment.
    public static func markedSegments(_ text: String) -> [String: Set<Int>] {
        var result: [String: Set<Int>] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.lastIndex(of: ":") else { continue }
            var segments = Set<Int>()
            for part in line[line.index(after: colon)...].split(separator: ",") {
                let bounds = part.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                if bounds.count == 2 { segments.formUnion(bounds[0]...bounds[1]) }
            }
            result[String(line[..<colon])] = segments
        }
        return result
    }

    /// `first-segment title` lines; `#` starts a comment.
    public static func chapterStarts(_ text: String) -> [Int] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { Int($0.split(separator: " ")[0]) }
    }

    public static func annotation(_ name: String, folder: String = "sample-data/annotations") throws -> String {
        try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("\(folder)/\(name)"), encoding: .utf8)
    }

    /// `name ~ phrase | phrase` lines: what a theme's name may hold for a
    /// reader to know it.
    public static func recognisableNames(_ text: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "~", maxSplits: 1)
            guard parts.count == 2 else { continue }
            result[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].split(separator: "|").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
        }
        return result
    }

    /// The words of `text`, lowercased: letters, digits and apostrophes
    /// (hyphens and spaces alike separate words).
    public static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "'") }.map(String.init)
    }

    /// Whether `name` holds `phrase` as whole words, a `*` ending a word
    /// with any ending ("point solution*").
    public static func holds(_ name: String, _ phrase: String) -> Bool {
        let words = words(name)
        let wanted = phrase.lowercased().split(separator: " ").map(String.init)
        guard wanted.count <= words.count else { return false }
        return (0...(words.count - wanted.count)).contains { start in
            zip(words[start...], wanted).allSatisfy { word, pattern in
                pattern.hasSuffix("*") ? word.hasPrefix(pattern.dropLast()) : word == pattern
            }
        }
    }

    /// The segments a topic's passages cover.
    public static func segments(of topic: Topic) -> Set<Int> {
        topic.passages.reduce(into: Set<Int>()) { $0.formUnion($1.segments) }
    }

    /// The topic a reader would take for the theme: one whose name holds a
    /// recognisable phrase, the one that agrees best with the marked segments.
    public static func bestMatch(_ topics: [Topic], marked: Set<Int>, names: [String]) -> (topic: Topic, agreement: Agreement)? {
        topics.filter { topic in names.contains { holds(topic.name, $0) } }
            .map { ($0, agreement($0.passages, marked)) }
            .max { $0.1.f1 < $1.1.f1 }
    }
}
