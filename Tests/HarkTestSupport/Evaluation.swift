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

    public static func annotation(_ name: String) throws -> String {
        try String(
            contentsOf: TestSupport.repositoryRoot.appendingPathComponent("sample-data/annotations/\(name)"), encoding: .utf8)
    }
}
