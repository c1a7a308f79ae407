import HarkCore
import HarkTestSupport
import Testing

@testable import HarkTopics

/// Hits become passages: clustered in time, passing mentions dropped,
/// widened to whole paragraphs, merged where they meet.
struct PassageTests {
    /// Segments 5 s apart; `pausesBefore` adds a 3 s pause (a paragraph break) before those segments.
    private func transcript(_ count: Int, pausesBefore: Set<Int> = []) -> Transcript {
        var time: Milliseconds = 0
        var segments: [Segment] = []
        for i in 0..<count {
            if pausesBefore.contains(i) { time += 3000 }
            segments.append(Segment(start: time, end: time + 2000, text: "Words in segment \(i)."))
            time += 2000
        }
        return Transcript(source: "t", format: .srt, segments: segments)
    }

    private func hits(_ pairs: [(Int, Int)]) -> [PassageBuilder.Hit] {
        pairs.map { PassageBuilder.Hit(segment: $0.0, keyword: $0.1) }
    }

    @Test func aSingleMentionIsNotAPassage() {
        let t = transcript(200)
        #expect(PassageBuilder.passages(from: hits([(10, 0)]), in: t).isEmpty)
        #expect(PassageBuilder.passages(from: hits([(10, 0), (150, 0)]), in: t).isEmpty)
    }

    @Test func hitsWithinAMinuteFormOnePassage() {
        let t = transcript(200)
        let passages = PassageBuilder.passages(from: hits([(10, 0), (20, 1), (35, 0)]), in: t)
        #expect(passages.count == 1)
        #expect(passages[0].hits == 3)
        #expect(passages[0].segments.contains(10) && passages[0].segments.contains(35))
    }

    @Test func aLongSilenceBetweenHitsSplitsThem() {
        let t = transcript(300)
        // 2 s segments: segment 100 is 200 s after segment 0.
        let passages = PassageBuilder.passages(from: hits([(0, 0), (5, 0), (100, 0), (104, 1)]), in: t)
        #expect(passages.count == 2)
    }

    @Test func passagesWidenToWholeParagraphs() {
        // Paragraphs start at 0, 10, 20, 30 (pauses before 10, 20, 30).
        let t = transcript(40, pausesBefore: [10, 20, 30])
        let passages = PassageBuilder.passages(from: hits([(12, 0), (15, 1)]), in: t)
        #expect(passages.map(\.segments) == [10...19])
        #expect(passages[0].start == t.start(of: 10))
        #expect(passages[0].end == t.end(of: 19))
    }

    @Test func passagesThatMeetAreMerged() {
        // Hits 61 s apart are two clusters, but their paragraphs touch.
        let t = transcript(80, pausesBefore: [40])
        let passages = PassageBuilder.passages(
            from: hits([(0, 0), (2, 0), (33, 0), (39, 1)]), in: t,
            rules: {
                var rules = PassageBuilder.Rules()
                rules.maximumGap = 30_000
                return rules
            }())
        #expect(passages.count == 1)
        #expect(passages[0].hits == 4)
    }

    @Test func variedKeywordsScoreHigherThanOneRepeated() {
        let repeated = PassageBuilder.score(hits([(1, 0), (2, 0), (3, 0)]))
        let varied = PassageBuilder.score(hits([(1, 0), (2, 1), (3, 2)]))
        #expect(abs(repeated - (1 + 0.5 + 1.0 / 3)) < 1e-9)
        #expect(varied == 3)
    }

    /// Paragraphs found around segments in order (walking on from the last
    /// one found when it is near, from a hard break when it is not) are the
    /// transcript's own paragraphs, on the sample (few pauses: hard breaks
    /// are far apart) at every gap from 1 to 600 segments.
    @Test func paragraphsLookedUpInOrderAreTheTranscriptsOwn() throws {
        let sample = try TestSupport.sample()
        var owner: [Int: Range<Int>] = [:]
        for paragraph in Paragraphs.of(sample) {
            for segment in paragraph.segments { owner[segment] = paragraph.segments }
        }
        for step in [1, 7, 40, 255, 256, 257, 600] {
            let wanted = Array(stride(from: step / 2, to: sample.segments.count, by: step))
            let found = ParagraphLookup.paragraphs(around: wanted, in: sample)
            for segment in wanted { #expect(found[segment] == owner[segment], "segment \(segment), every \(step)") }
        }
    }
}
