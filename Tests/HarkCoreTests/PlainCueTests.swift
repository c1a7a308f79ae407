import CByteKernels
import HarkTestSupport
import Testing

@testable import HarkCore

/// The SRT and WebVTT readers read a plain cue whole
/// (`hark_scan_plain_srt_cue`, `hark_scan_plain_webvtt_cue`), and a run of
/// simple ones straight into segments: the transcript must be the one
/// reading every cue line by line gives, whatever the file holds.
struct PlainCueTests {
    /// Reads `bytes` as SRT or WebVTT, plain cues whole or not, as one part or as two.
    private func read(_ bytes: [UInt8], _ format: PlainCue.Format, plainCues: Bool, parallelThreshold: Int) throws
        -> Transcript
    {
        let path = TestFiles.write(bytes, name: format == .srt ? "cues.srt" : "cues.vtt")
        let file = try SourceFile(path: path)
        var builder = TranscriptBuilder()
        switch format {
        case .srt: try SRTReader.read(file, into: &builder, parallelThreshold: parallelThreshold, plainCues: plainCues)
        case .webVTT:
            try WebVTTReader.read(file, into: &builder, parallelThreshold: parallelThreshold, plainCues: plainCues)
        }
        return builder.build(source: path, format: format == .srt ? .srt : .webvtt)
    }

    private func expectSameReading(
        _ bytes: [UInt8], _ format: PlainCue.Format = .srt, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for threshold in [Int.max, 64] {
            let byLine = try read(bytes, format, plainCues: false, parallelThreshold: threshold)
            let whole = try read(bytes, format, plainCues: true, parallelThreshold: threshold)
            #expect(Array(whole.segments) == Array(byLine.segments), sourceLocation: sourceLocation)
            #expect(whole.speakers == byLine.speakers, sourceLocation: sourceLocation)
            #expect(whole.warnings == byLine.warnings, sourceLocation: sourceLocation)
        }
    }

    // MARK: The kernel

    /// The kernel's reading of `text` as a cue of `format`, if plain.
    private func scan(_ text: String, _ format: PlainCue.Format = .srt) -> hark_plain_cue? {
        let bytes = Array(text.utf8)
        var cue = hark_plain_cue()
        let found = bytes.withUnsafeBufferPointer {
            switch format {
            case .srt: hark_scan_plain_srt_cue($0.baseAddress!, $0.count, SRTTiming.length, &cue)
            case .webVTT: hark_scan_plain_webvtt_cue($0.baseAddress!, $0.count, WebVTTTiming.length, &cue)
            }
        }
        return found == 1 ? cue : nil
    }

    private func scanWebVTT(_ text: String) -> hark_plain_cue? { scan(text, .webVTT) }

    private func lines(of cue: hark_plain_cue, in text: String) -> [String] {
        let bytes = Array(text.utf8)
        let starts = withUnsafeBytes(of: cue.text_start) { Array($0.bindMemory(to: Int.self)) }
        let lengths = withUnsafeBytes(of: cue.text_length) { Array($0.bindMemory(to: Int.self)) }
        return (0..<Int(cue.text_lines)).map { String(decoding: bytes[starts[$0]..<(starts[$0] + lengths[$0])], as: UTF8.self) }
    }

    private let timing = "00:00:01,000 --> 00:00:02,000"

    @Test func readsTheUsualCue() throws {
        let text = "12\n\(timing)\nHello there,\nsecond line.\n\n13\n"
        let cue = try #require(scan(text))
        #expect(cue.has_index == 1)
        #expect(cue.timing == 3)
        #expect(lines(of: cue, in: text) == ["Hello there,", "second line."])
        #expect(cue.used == text.utf8.count - 3)
        #expect(cue.is_simple == 1)
    }

    @Test func readsTimingLinesOfOtherLengths() throws {
        for timing in ["100:00:01,000 --> 100:00:02,000", "0:00:01,000 --> 0:00:02,000", "\(timing) X1:10 X2:20"] {
            let text = "7\n\(timing)\nword\n\n"
            let cue = try #require(scan(text), "\(timing)")
            #expect(cue.timing_length == timing.utf8.count)
        }
        #expect(scan("7\n\(timing) <b>\nword\n\n") == nil)
        // A line end inside the usual length ends the timing line there, even when one follows it too.
        let short = "1\n00:01,000 --> 00:02,000\nOne.\n\nstray\n\n"
        let cue = try #require(scan(short))
        #expect(cue.timing_length == 23)
        #expect(lines(of: cue, in: short) == ["One."])
    }

    @Test func readsCRLFAndACueWithoutIndex() throws {
        let text = "\(timing)\r\nA line that runs past sixteen bytes\r\nshort\r\n\r\n"
        let cue = try #require(scan(text))
        #expect(cue.has_index == 0)
        #expect(lines(of: cue, in: text) == ["A line that runs past sixteen bytes", "short"])
        #expect(cue.used == text.utf8.count)
        #expect(cue.is_simple == 1)
    }

    @Test func aCRAloneIsALineEndSoTheCueIsNotPlain() {
        // A CR at every position of a long line, the sixteen-byte blocks' edges among them.
        for k in 1..<40 {
            let line = String(repeating: "a", count: k) + "\r" + String(repeating: "b", count: 40 - k)
            #expect(scan("\(timing)\n\(line)\n\n") == nil, "CR at \(k)")
        }
    }

    @Test func aCRLFAtABlockEdgeEndsTheLine() throws {
        for k in 1..<40 {
            let line = String(repeating: "a", count: k)
            let text = "\(timing)\n\(line)\r\n\r\n"
            let cue = try #require(scan(text), "line of \(k)")
            #expect(lines(of: cue, in: text) == [line])
        }
    }

    @Test func markupDigitsAndSpacesNeedTheLineRules() {
        for text in ["<i>in italics</i>", "later {\\an8}top", "42", "9 lives", " leading", "trailing ", "\ttab"] {
            #expect(scan("\(timing)\n\(text)\n\n") == nil, "\(text)")
        }
        // No empty line after the text, no text, or too many lines.
        #expect(scan("\(timing)\ntext\n") == nil)
        #expect(scan("\(timing)\n\n") == nil)
        #expect(scan("\(timing)\n" + String(repeating: "line\n", count: 7) + "\n") == nil)
    }

    @Test func turnsNamesAndOtherTextAreReadButNotSimple() throws {
        for (text, simple) in [
            ("- Where?", false), (">> Here.", false), ("Dana: Hello", false), ("ok\n- Where?", false),
            ("Café au lait", false), ("bell \u{7}", false), ("plain words", true), ("a  double space", false),
            ("ok\nnot: a name on a later line", true),
        ] {
            let cue = try #require(scan("\(timing)\n\(text)\n\n"), "\(text)")
            #expect((cue.is_simple == 1) == simple, "\(text)")
        }
    }

    @Test func aColonAnywhereOnTheFirstLineNeedsTheCaptionRules() throws {
        // At every position of a long line, the sixteen-byte blocks' edges among them.
        for k in 0..<40 {
            let line = String(repeating: "a", count: k + 1) + ":" + String(repeating: "b", count: 40 - k)
            let first = try #require(scan("\(timing)\n\(line)\nsecond\n\n"), "colon at \(k)")
            #expect(first.is_simple == 0, "colon at \(k)")
            let later = try #require(scan("\(timing)\nfirst\n\(line)\n\n"), "colon at \(k)")
            #expect(later.is_simple == 1, "colon at \(k) of the second line")
        }
    }

    @Test func anIndexIsUpToTwentyDigits() {
        for digits in 1...25 {
            let index = String(repeating: "7", count: digits)
            let cue = scan("\(index)\n\(timing)\nsome words of text\n\n")
            #expect((cue?.has_index == 1) == (digits <= 20), "\(digits) digits")
            // Digits then more on the line are no index (and no timing line either).
            #expect(scan("\(index)x\n\(timing)\nsome words of text\n\n") == nil, "\(digits) digits and a letter")
        }
    }

    @Test func joinsTheLinesWithSpaces() throws {
        let text = "1\n\(timing)\nfirst\nsecond\nthird\n\n"
        let cue = try #require(scan(text))
        var out = [UInt8](repeating: 0, count: Int(cue.used))
        let length = Array(text.utf8).withUnsafeBufferPointer { from in
            withUnsafePointer(to: cue) { hark_join_plain_cue(from.baseAddress!, $0, &out) }
        }
        #expect(String(decoding: out[..<length], as: UTF8.self) == "first second third")
        #expect(length == cue.joined_length)
    }

    // MARK: The same reading

    /// Cues of their own before those a test looks at: the caption
    /// assembler holds the first `decisionWindow` cues until it knows whether
    /// the file rolls, and only then are simple cues written straight away.
    private var leadIn: String {
        (0..<CaptionAssembler.decisionWindow).map { "\($0 + 1)\n\(timing)\nlead-in line \($0)\n\n" }.joined()
    }

    @Test func examplesReadAsLineByLine() throws {
        let files = [
            // A blank line inside a cue, its text after it.
            "1\n\(timing)\nfirst\n\nstill the first\n\n2\n\(timing)\nsecond\n\n",
            // Digits after a blank line that are text, not an index.
            "1\n\(timing)\nfirst\n\n42\n\n2\n\(timing)\nsecond\n\n",
            // A simple cue, then one with a speaker, a turn, markup.
            "1\n\(timing)\nsimple\n\n2\n\(timing)\nDANA: named\n\n3\n\(timing)\nyes\n- no\n\n4\n\(timing)\n<i>it</i>\n\n5\n\(timing)\nend\n\n",
            // A short timing line whose 29th byte on is an empty line: the empty line is not the timing line's end.
            "1\n00:01,000 --> 00:02,000\nOne.\n\nstray text\n\n2\n\(timing)\nsecond\n\n",
            // The last cue without its blank line, and one without text.
            "1\n\(timing)\none\n\n2\n\(timing)\n\n3\n\(timing)\nlast",
        ]
        for file in files {
            try expectSameReading(Array(file.utf8))
            try expectSameReading(Array((leadIn + file).utf8))
        }
    }

    @Test func rollingCaptionsReadAsLineByLine() throws {
        var text = ""
        var previous = "we start"
        for k in 0..<150 {
            let next = "words \(k) here"
            text +=
                "\(k + 1)\n00:00:\(String(format2: k / 60)):\(String(format2: k % 60)),000 --> 00:01:00,000\n\(previous)\n\(next)\n\n"
            previous = next
        }
        try expectSameReading(Array(text.utf8))
    }

    /// Random files of the shapes the rules tell apart, each read both ways.
    @Test(arguments: 0..<60) func randomFilesReadAsLineByLine(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed &* 7919 &+ 17)
        let texts = [
            "plain words", "two  spaces", "Dana: named", "not: a name", "- a turn", "-dash", ">> change", "<i>italic</i>",
            "{\\an8}top", "Café", "bad \u{FFFD}", "ctrl \u{1}", "tab\there", "42", "7 things", " lead", "trail ",
            "A longer line that runs past the sixteen bytes of a block", "[MUSIC]", "x",
        ]
        let timings = [
            "00:00:01,000 --> 00:00:02,000", "00:00:03,500 --> 00:00:01,000", "0:00:04,000 --> 0:00:05,000",
            "00:00:06,000 --> 00:00:07,000 X1:10", "00:00:99,000 --> 00:00:08,000", "00:00:09.000 --> 00:00:10.000",
            "100:00:01,000 --> 100:00:02,000", "00:00:01,000 -->", "00:00:01,000 --> 00:00:02,000  ",
        ]
        let ends = ["\n", "\n", "\n", "\r\n", "\r"]
        var bytes: [UInt8] = []
        func add(_ line: String, _ end: String) { bytes += Array(line.utf8) + Array(end.utf8) }
        // Some files shorter than the assembler's decision window, most past it.
        let cues =
            Int.random(in: 0..<4, using: &random) == 0
            ? Int.random(in: 5...40, using: &random) : 101 + Int.random(in: 0...60, using: &random)
        // Each file's usual line end; now and then another.
        let usualEnd = Bool.random(using: &random) ? "\n" : "\r\n"
        for k in 0..<cues {
            guard Int.random(in: 0..<5, using: &random) < 2 else {
                // Most cues plain, to be read whole.
                add(String(k + 1), usualEnd)
                add(timings[0], usualEnd)
                for j in 0..<Int.random(in: 1...3, using: &random) { add("plain \(k).\(j)", usualEnd) }
                add("", usualEnd)
                continue
            }
            let end = Int.random(in: 0..<3, using: &random) > 0 ? usualEnd : ends.randomElement(using: &random)!
            if Int.random(in: 0..<6, using: &random) > 0 { add(String(k + 1), end) }
            add(Int.random(in: 0..<4, using: &random) > 0 ? timings[0] : timings.randomElement(using: &random)!, end)
            for j in 0..<Int.random(in: 0...7, using: &random) {
                let text = Int.random(in: 0..<3, using: &random) > 0 ? "plain \(k).\(j)" : texts.randomElement(using: &random)!
                add(text, end)
            }
            for _ in 0..<Int.random(in: 0...2, using: &random) { add(Int.random(in: 0..<8, using: &random) > 0 ? "" : "  ", end) }
            if Int.random(in: 0..<20, using: &random) == 0 { bytes.append(0xFF) }
        }
        try expectSameReading(bytes)
    }

    // MARK: WebVTT

    private let cueTiming = "00:00:01.000 --> 00:00:02.000"

    @Test func readsTheUsualWebVTTCueWithSettingsAndId() throws {
        let timingLine = "\(cueTiming) align:start position:0%"
        let text = "12\n\(timingLine)\nHello there,\nsecond line.\n\n"
        let cue = try #require(scanWebVTT(text))
        #expect(cue.has_index == 1)
        #expect(cue.timing_length == timingLine.utf8.count)
        #expect(lines(of: cue, in: text) == ["Hello there,", "second line."])
        #expect(cue.used == text.utf8.count)
        #expect(cue.is_simple == 1)
        // Settings hold any byte but a line end, markup bytes too.
        #expect(scanWebVTT("\(cueTiming) region:<x>&y\nword\n\n") != nil)
        #expect(scanWebVTT("\(cueTiming) a\rb\nword\n\n") == nil)
    }

    @Test func webVTTMarkupReferencesAndArrowsNeedTheLineRules() throws {
        for text in ["<v Dana>named", "fish &amp; chips", "a --> b", "later\n00:00:03.000 --> 00:00:04.000", "<i>x</i>"] {
            #expect(scanWebVTT("\(cueTiming)\n\(text)\n\n") == nil, "\(text)")
        }
        // An arrow past the first block of sixteen bytes, and a '>' that is no arrow.
        #expect(scanWebVTT("\(cueTiming)\nThe line goes on and on --> here\n\n") == nil)
        let cue = try #require(scanWebVTT("\(cueTiming)\nbigger -> smaller, a > b\n\n"))
        #expect(cue.text_lines == 1)
        // A brace is no WebVTT markup.
        #expect(scanWebVTT("\(cueTiming)\n{braces}\n\n") != nil)
    }

    @Test func webVTTExamplesReadAsLineByLine() throws {
        let header = "WEBVTT\nKind: captions\n\n"
        let lead = (0..<CaptionAssembler.decisionWindow).map { "\(cueTiming)\nlead-in line \($0)\n\n" }.joined()
        let files = [
            // Ids, settings, a voice, a reference, a turn, an arrow in the text, an empty cue.
            "1\n\(cueTiming) align:start\nsimple\n\nid-two\n\(cueTiming)\nnamed id\n\n\(cueTiming)\n<v Dana>voice\n\n"
                + "\(cueTiming)\nfish &amp; chips\n\n\(cueTiming)\nyes\n- no\n\n\(cueTiming)\nthen\n00:00:03.000 --> 00:00:04.000\nnext\n\n"
                + "\(cueTiming)\n\n\(cueTiming)\nlast\n\n",
            // A short timing line whose 29th byte on is an empty line.
            "00:01.000 --> 00:02.000\nOne.\n\nstray text\nmore\n\n\(cueTiming)\nTwo.\n\n",
            // A NOTE block, a line of spaces as text, a timestamp WebVTT does not allow, the last cue unended.
            "NOTE a comment\n\n\(cueTiming)\n  \nafter spaces\n\n00:01.000 --> 00:02,000\nlenient\n\n\(cueTiming)\nend",
        ]
        for file in files {
            try expectSameReading(Array((header + file).utf8), .webVTT)
            try expectSameReading(Array((header + lead + file).utf8), .webVTT)
        }
    }

    /// Random WebVTT files of the shapes its rules tell apart, each read both ways.
    @Test(arguments: 0..<40) func randomWebVTTFilesReadAsLineByLine(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed &* 6271 &+ 5)
        let texts = [
            "plain words", "two  spaces", "Dana: named", "- a turn", ">> change", "<v Dana>voice", "<i>italic</i>",
            "fish &amp; chips", "AT&T", "a --> b", "x > y", "{braces}", "Café", "ctrl \u{1}", "tab\there", "42", " lead",
            "trail ", "A longer line that runs past the sixteen bytes of a block", "[MUSIC]", "NOTE inside",
        ]
        let timings = [
            cueTiming, "\(cueTiming) align:start position:0%", "00:00:03.500 --> 00:00:01.000", "00:04.000 --> 00:05.000",
            "00:00:06,000 --> 00:00:07,000", "100:00:01.000 --> 100:00:02.000", "00:00:01.000 -->",
            "00:00:01.000 --> 00:00:02.0001",
            "00:00:01.000 --> 00:00:02.000region:r", "\t\(cueTiming)",
        ]
        let ends = ["\n", "\n", "\r\n", "\r"]
        var bytes: [UInt8] = []
        func add(_ line: String, _ end: String) { bytes += Array(line.utf8) + Array(end.utf8) }
        let usualEnd = Bool.random(using: &random) ? "\n" : "\r\n"
        add("WEBVTT", usualEnd)
        if Bool.random(using: &random) { add("Kind: captions", usualEnd) }
        add("", usualEnd)
        let cues =
            Int.random(in: 0..<4, using: &random) == 0
            ? Int.random(in: 5...40, using: &random) : 101 + Int.random(in: 0...60, using: &random)
        for k in 0..<cues {
            guard Int.random(in: 0..<5, using: &random) < 2 else {
                if Int.random(in: 0..<4, using: &random) == 0 { add(String(k + 1), usualEnd) }
                add(timings[Int.random(in: 0...1, using: &random)], usualEnd)
                for j in 0..<Int.random(in: 1...3, using: &random) { add("plain \(k).\(j)", usualEnd) }
                add("", usualEnd)
                continue
            }
            let end = Int.random(in: 0..<3, using: &random) > 0 ? usualEnd : ends.randomElement(using: &random)!
            switch Int.random(in: 0..<8, using: &random) {
            case 0: add(String(k + 1), end)
            case 1: add("cue-\(k)", end)
            case 2: add("NOTE block \(k)", end)
            default: break
            }
            add(Int.random(in: 0..<3, using: &random) > 0 ? timings[0] : timings.randomElement(using: &random)!, end)
            for j in 0..<Int.random(in: 0...7, using: &random) {
                let text = Int.random(in: 0..<3, using: &random) > 0 ? "plain \(k).\(j)" : texts.randomElement(using: &random)!
                add(text, end)
            }
            for _ in 0..<Int.random(in: 0...2, using: &random) { add(Int.random(in: 0..<8, using: &random) > 0 ? "" : "  ", end) }
            if Int.random(in: 0..<20, using: &random) == 0 { bytes.append(0xFF) }
        }
        try expectSameReading(bytes, .webVTT)
    }
}

extension String {
    fileprivate init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}
