import Foundation
import PropertyBased
import Testing

@testable import HarkCore

/// FORMATS.md, "Time": times the file does not give are estimated.
struct TimeEstimatorTests {
    let perWord = TimeEstimator.millisecondsPerWord

    @Test func speechRunsAt150WordsAMinute() {
        #expect(perWord * 150 == 60_000)
    }

    @Test func aFileWithNoTimeStartsAtZeroAtTheSpeakingRate() {
        let starts = TimeEstimator.starts(read: [nil, nil, nil], words: [3, 1, 2])
        #expect(starts == [0, 3 * perWord, 4 * perWord])
    }

    @Test func timeBetweenTwoStampsIsSpreadOverTheWords() {
        let starts = TimeEstimator.starts(read: [0, nil, nil, 60_000], words: [10, 10, 20, 5])
        // 40 words share the minute: 10 before the second, 20 before the third.
        let minute: Milliseconds = 60_000
        #expect(starts == [0, minute * 10 / 40, minute * 20 / 40, minute])
    }

    @Test func beforeTheFirstStampTimeCountsBackAtTheSpeakingRate() {
        let starts = TimeEstimator.starts(read: [nil, nil, 10_000], words: [5, 5, 1])
        #expect(starts == [10_000 - 10 * perWord, 10_000 - 5 * perWord, 10_000])
    }

    @Test func wordsThatDoNotFitBeforeTheFirstStampShareTheTimeFromZero() {
        let starts = TimeEstimator.starts(read: [nil, nil, 1000], words: [5, 5, 1])
        #expect(starts == [0, 500, 1000])
    }

    @Test func afterTheLastStampTimeRunsOnAtTheSpeakingRate() {
        let starts = TimeEstimator.starts(read: [1000, nil, nil], words: [3, 2, 7])
        #expect(starts == [1000, 1000 + 3 * perWord, 1000 + 5 * perWord])
    }

    @Test func stampsOutOfOrderLeaveTheSegmentsBetweenAtTheSpeakingRate() {
        let starts = TimeEstimator.starts(read: [10_000, nil, 5000], words: [2, 1, 1])
        #expect(starts == [10_000, 10_000 + 2 * perWord, 5000])
    }

    @Test func aSegmentWithoutWordsCountsAsOneWord() {
        #expect(TimeEstimator.starts(read: [nil, nil], words: [0, 4]) == [0, perWord])
    }

    @Test func segmentsEndWhereTheNextStartsOrAfterTheirOwnWords() {
        let ends = TimeEstimator.ends(starts: [0, 1000, 1000, 9000], words: [1, 2, 3, 4])
        #expect(ends == [1000, 1000 + 2 * perWord, 9000, 9000 + 4 * perWord])
    }

    @Test func anAnchorBoundsTheSegmentsEitherSide() {
        // A minute read between the first segment and the third, belonging to neither.
        let anchors = [TimeEstimator.Anchor(before: 2, time: 60_000)]
        let starts = TimeEstimator.starts(read: [0, nil, nil, nil], words: [1, 1, 1, 1], anchors: anchors)
        #expect(starts == [0, 30_000, 60_000, 60_000 + perWord])
        let ends = TimeEstimator.ends(starts: starts, words: [1, 1, 1, 1], anchors: anchors)
        #expect(ends == [30_000, 60_000, 60_000 + perWord, 60_000 + 2 * perWord])
    }

    @Test func anAnchorBeforeTheFirstSegmentIsWhereTheyStart() {
        let anchors = [TimeEstimator.Anchor(before: 0, time: 10_000)]
        #expect(TimeEstimator.starts(read: [nil, nil], words: [2, 2], anchors: anchors) == [10_000, 10_000 + 2 * perWord])
    }

    @Test func anAnchorAfterTheLastSegmentIsWhereTheyEnd() {
        let anchors = [TimeEstimator.Anchor(before: 2, time: 8000)]
        let starts = TimeEstimator.starts(read: [0, nil], words: [1, 3], anchors: anchors)
        #expect(starts == [0, 2000])
        #expect(TimeEstimator.ends(starts: starts, words: [1, 3], anchors: anchors) == [2000, 8000])
    }

    @Test func anAnchorComesBeforeTheReadStartOfTheSegmentAfterIt() {
        // Counting back from the anchor, not from the segment's later start; a break between them.
        let anchors = [TimeEstimator.Anchor(before: 1, time: 5000)]
        let starts = TimeEstimator.starts(read: [nil, 9000], words: [2, 1], anchors: anchors)
        #expect(starts == [5000 - 2 * perWord, 9000])
        #expect(TimeEstimator.ends(starts: starts, words: [2, 1], anchors: anchors) == [5000, 9000 + perWord])
    }

    @Test func timesFarApartDoNotOverflow() {
        let far: Milliseconds = 3_600_000_000_000_000_000  // a stamp of a billion hours
        let starts = TimeEstimator.starts(read: [0, nil, far], words: [1_000_000, 1_000_000, 1])
        #expect(starts == [0, far / 2, far])
    }

    /// Whatever the stamps and words: read times are kept, estimates are
    /// never negative, lie between ordered stamps, never go backwards
    /// between them, and every segment ends at or after its start.
    @Test func estimatesKeepReadTimesAndOrder() async {
        let segment = zip(Gen.bool, Gen.int(in: 0...600_000), Gen.int(in: 0...300))
        await propertyCheck(count: 300, input: segment.array(of: 1...40)) { drafts in
            var time: Milliseconds = 0
            let read: [Milliseconds?] = drafts.map { isRead, gap, _ in
                time += Int64(gap)
                return isRead ? time : nil
            }
            let words = drafts.map(\.2)
            let starts = TimeEstimator.starts(read: read, words: words)
            let ends = TimeEstimator.ends(starts: starts, words: words)
            #expect(starts.count == read.count)
            for k in starts.indices {
                if let given = read[k] { #expect(starts[k] == given) }
                #expect(starts[k] >= 0)
                #expect(ends[k] >= starts[k])
                if k > 0 { #expect(starts[k] >= starts[k - 1]) }
            }
        }
    }

    /// With anchors too (read times between segments, in order with the
    /// rest): the segments before an anchor start no later than it, and end
    /// by it unless they start at it; those after it start from it.
    @Test func anchorsBoundTheEstimates() async {
        let segment = zip(Gen.int(in: 0...2), Gen.int(in: 0...600_000), Gen.int(in: 0...300))
        await propertyCheck(count: 300, input: segment.array(of: 1...40)) { drafts in
            var time: Milliseconds = 0
            var read: [Milliseconds?] = []
            var words: [Int] = []
            var anchors: [TimeEstimator.Anchor] = []
            for (kind, gap, count) in drafts {
                time += Int64(gap)
                if kind == 2 {
                    anchors.append(TimeEstimator.Anchor(before: read.count, time: time))
                } else {
                    read.append(kind == 1 ? time : nil)
                    words.append(count)
                }
            }
            let starts = TimeEstimator.starts(read: read, words: words, anchors: anchors)
            let ends = TimeEstimator.ends(starts: starts, words: words, anchors: anchors)
            for k in starts.indices {
                if let given = read[k] { #expect(starts[k] == given) }
                #expect(starts[k] >= 0)
                #expect(ends[k] >= starts[k])
                if k > 0 { #expect(starts[k] >= starts[k - 1]) }
            }
            for anchor in anchors {
                for k in 0..<anchor.before {
                    #expect(starts[k] <= anchor.time)
                    if starts[k] < anchor.time { #expect(ends[k] <= anchor.time) }
                }
                for k in anchor.before..<starts.count { #expect(starts[k] >= anchor.time) }
            }
        }
    }
}

/// The flag in the model: a column like the others, carried everywhere.
struct EstimatedFlagTests {
    @Test func segmentsKeepTheirFlagThroughTheBuilder() {
        let transcript = Transcript(
            source: "t", format: .plainText,
            segments: [
                Segment(start: 0, end: 1000, text: "Read."),
                Segment(start: 1000, end: 2000, text: "Guessed.", estimated: true),
            ])
        #expect(transcript.segments.map(\.estimated) == [false, true])
        #expect(transcript.isEstimated(1) && !transcript.isEstimated(0))
        #expect(transcript.estimatedCount == 1)
        #expect(transcript.durationIsEstimated)
    }

    @Test func sortingByStartCarriesTheFlag() throws {
        // The second turn is estimated after the first; the third was read earlier than both.
        let text = "[00:00:10] Ann: One two.\nBob: Three.\n[00:00:05] Cy: Four.\n"
        let transcript = try TestFiles.load(text, name: "order.txt")
        #expect(transcript.warningKinds.contains(.outOfOrder))
        #expect(transcript.texts == ["Four.", "One two.", "Three."])
        #expect(transcript.segments.map(\.estimated) == [false, false, true])
        #expect(transcript.estimatedCount == 1)
    }

    @Test func partsReadApartCarryTheFlag() {
        var first = TranscriptBuilder()
        first.beginSegment()
        first.appendText("Read.")
        first.commitSegment(start: 5000, end: 6000, speaker: nil, speakerChange: false, line: 1)
        var second = TranscriptBuilder()
        second.beginSegment()
        second.appendText("Guessed.")
        second.commitSegment(start: 0, end: nil, speaker: nil, speakerChange: false, line: 1, estimated: true)
        second.beginSegment()
        second.appendText("Read later.")
        second.commitSegment(start: 7000, end: 8000, speaker: nil, speakerChange: false, line: 2)
        first.appendPart(&second, lineOffset: 1)
        let transcript = first.build(source: "parts", format: .whisperText)
        #expect(transcript.segments.map(\.estimated) == [false, true, false])
        #expect(transcript.segments.map(\.line) == [1, 2, 3])
        #expect(transcript.estimatedCount == 1)
        // An estimated placeholder start is no reason to sort.
        #expect(!transcript.warningKinds.contains(.outOfOrder))
    }

    @Test func timesMarkedInPartsReadApartKeepTheirPlace() {
        var first = TranscriptBuilder()
        first.beginSegment()
        first.appendText("Read.")
        first.commitSegment(start: 0, end: nil, speaker: nil, speakerChange: false, line: 1)
        // A part with a time marked and no segment, then one whose segment a time marked after it ends.
        var second = TranscriptBuilder()
        second.beginSegment()
        let kept = second.commitSegment(
            start: 60_000, end: nil, speaker: nil, speakerChange: false, line: 1, marksTimeWhenEmpty: true)
        #expect(!kept)
        var third = TranscriptBuilder()
        third.beginSegment()
        third.appendText("Guessed two.")
        third.commitSegment(start: 0, end: nil, speaker: nil, speakerChange: false, line: 1, estimated: true)
        third.beginSegment()
        third.commitSegment(start: 90_000, end: nil, speaker: nil, speakerChange: false, line: 2, marksTimeWhenEmpty: true)
        first.appendPart(&second, lineOffset: 1)
        first.appendPart(&third, lineOffset: 2)
        #expect(first.timeAnchors.map(\.anchor) == [.init(before: 1, time: 60_000), .init(before: 2, time: 90_000)])
        #expect(first.timeAnchors.map(\.line) == [2, 4])
        first.estimateTimes()
        let transcript = first.build(source: "parts", format: .markdown)
        #expect(transcript.segments.map(\.start) == [0, 60_000])
        #expect(transcript.segments.map(\.end) == [60_000, 90_000])
        #expect(transcript.warningKinds == [.estimatedTimes])
    }

    @Test func theWarningSaysHowManyTimesAreEstimated() throws {
        let transcript = try TestFiles.load("[00:00:01] Ann: One.\nBob: Two.\nAnn: Three.\n", name: "some.txt")
        let warning = try #require(transcript.warnings.first { $0.kind == .estimatedTimes })
        #expect(warning.detail == "2 of 3 segments")
        #expect(warning.line == nil)
    }

    @Test func aFileWithEveryTimeHasNoEstimates() throws {
        let transcript = try TestFiles.load("[00:00:01] Ann: One.\n[00:00:02] Bob: Two.\n", name: "all.txt")
        #expect(transcript.estimatedCount == 0)
        #expect(!transcript.warningKinds.contains(.estimatedTimes))
    }
}

/// Estimated times in what hark writes.
struct EstimatedExportTests {
    static let mixed = Transcript(
        source: "mixed", format: .markdown,
        segments: [
            Segment(start: 0, end: 4000, speaker: "Ann", text: "Read from the file.", line: 1),
            Segment(start: 4000, end: 8000, speaker: "Bob", text: "Estimated by hark.", line: 3, estimated: true),
        ])

    @Test func jsonSaysEstimatedOnlyWhereItIs() throws {
        let json = ExportFormat.json.render(Self.mixed)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let segments = try #require(object["segments"] as? [[String: Any]])
        #expect(segments[0]["estimated"] == nil)
        #expect(segments[1]["estimated"] as? Bool == true)
    }

    @Test func textAndMarkdownMarkEstimatedTimes() {
        let text = ExportFormat.txt.render(Self.mixed)
        #expect(text.contains("[0:00:00] Ann:\n"))
        #expect(text.contains("[~0:00:04] Bob:\n"))
        let markdown = ExportFormat.md.render(Self.mixed)
        #expect(markdown.contains("**[0:00:00]** **Ann:**\n"))
        #expect(markdown.contains("**[~0:00:04]** **Bob:**\n"))
    }

    @Test func webVTTSaysSoInANoteAndReadsBackTheSame() throws {
        let vtt = ExportFormat.vtt.render(Self.mixed)
        #expect(vtt.hasPrefix("WEBVTT\n\nNOTE\n"))
        #expect(vtt.contains("1 of 2 cues"))
        let reloaded = try TestFiles.load(vtt, name: "noted.vtt")
        #expect(reloaded.texts == Self.mixed.texts)
        #expect(reloaded.warnings.isEmpty)
        let allRead = Transcript(source: "read", format: .srt, segments: [Segment(start: 0, end: 1, text: "Hi.")])
        #expect(!ExportFormat.vtt.render(allRead).contains("NOTE"))
    }

    @Test func srtWritesTheTimesAsTimes() {
        let srt = ExportFormat.srt.render(Self.mixed)
        #expect(srt.contains("00:00:04,000 --> 00:00:08,000\nBob: Estimated by hark."))
        #expect(!srt.contains("~"))
    }
}
