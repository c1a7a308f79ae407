/// The JSON transcript shapes: openai-whisper and OpenAI `verbose_json`
/// (`segments` with `start`/`end` seconds), diarized JSON (the same with
/// `speaker`, as WhisperX and OpenAI write), whisper.cpp `-oj`
/// (`transcription` with `offsets` in ms), Podcasting 2.0 (`segments` with
/// `startTime`/`endTime`/`body`), and hark's own export.
///
/// Segments stream from the file into the builder as they are read, one
/// item held back (its end may be the next item's start), so a file costs
/// its model and a small window, whatever its size. Podcasting 2.0 files,
/// which may need one-word items joined, are the exception: their items are
/// kept until the end.
///
/// JSON has no line per segment: segments have line 0, and warnings name
/// the item (`segments[12]`) and the line it starts on.
enum JSONTranscriptReader {
    /// `itemLimit`: read only the first items, and nothing after them (a
    /// preview of the file). A file of `parallelThreshold` bytes or more may
    /// have its second half read at once on another thread (`SecondHalf`).
    static func read(
        _ file: SourceFile, path: String, into builder: inout TranscriptBuilder, itemLimit: Int? = nil,
        parallelThreshold: Int = .max
    ) throws -> TranscriptFormat {
        var scanner = JSONScanner(source: file.read(into:))
        var reader = ItemReader()
        reader.itemLimit = itemLimit
        let secondHalf = itemLimit == nil ? SecondHalf.start(for: file, threshold: parallelThreshold) : nil
        reader.secondHalf = secondHalf
        // Not left running when this half is done, whatever the outcome.
        defer { secondHalf?.stop() }
        do {
            switch try scanner.kind() {
            case .object:
                try scanner.members { scanner, key throws(JSONScanner.Failure) in
                    let isArray = try scanner.kind() == .array
                    if isArray && reader.shape == nil && (key == "segments" || key == "transcription") {
                        try reader.readItems(&scanner, whisperCpp: key == "transcription", into: &builder)
                    } else {
                        try scanner.skip()
                    }
                }
            case .array:
                try reader.readItems(&scanner, whisperCpp: false, topLevel: true, into: &builder)
            default:
                try scanner.skip()
            }
            try scanner.end()
        } catch {
            if !reader.reachedItemLimit {
                throw LoadError(path: path, reason: "not valid JSON: \(error.message) (line \(error.line))")
            }
        }
        guard let shape = reader.shape else {
            throw LoadError(
                path: path,
                reason: "JSON without transcript segments: expected a \"segments\" or \"transcription\" array")
        }
        reader.finish(into: &builder)
        switch shape {
        case .whisperCpp: return .whisperCppJSON
        case .podcast: return .podcastJSON
        case .segments: return reader.hasSpeakers ? .diarizedJSON : .whisperJSON
        }
    }

    enum Shape { case segments, whisperCpp, podcast }

    /// What an item of a segments or transcription array says, of what hark
    /// reads; everything else in it is skipped unread. Reused from item to item.
    struct Item {
        var start: Milliseconds?
        var end: Milliseconds?
        var text: [UInt8] = []
        var hasText = false
        var speaker: String?
        var turn = false
        var speakerTurnNext = false
        /// hark's own export marks times it estimated.
        var estimated = false
        var line = 0

        mutating func reset(line: Int) {
            start = nil
            end = nil
            text.removeAll(keepingCapacity: true)
            hasText = false
            speaker = nil
            turn = false
            speakerTurnNext = false
            estimated = false
            self.line = line
        }
    }

    struct ItemReader {
        fileprivate(set) var shape: Shape?
        private(set) var hasSpeakers = false
        private var item = Item()
        /// The last item read, not yet committed: its end may be the next start.
        private var held = Item()
        private var isHeld = false
        private var turnNext = false
        private var podcastItems: [PodcastItem] = []
        var itemLimit: Int?
        private(set) var reachedItemLimit = false
        /// The start of the first item taken (for the one before it, read by another reader).
        private(set) var firstStart: Milliseconds?
        /// The second half of the file, being read: taken if an item starts where it does.
        var secondHalf: SecondHalf?

        mutating func readItems(
            _ scanner: inout JSONScanner, whisperCpp: Bool, topLevel: Bool = false, into builder: inout TranscriptBuilder
        ) throws(JSONScanner.Failure) {
            let arrayName = topLevel ? "" : whisperCpp ? "transcription" : "segments"
            shape = whisperCpp ? .whisperCpp : .segments
            try scanner.elements { scanner, index throws(JSONScanner.Failure) in
                try readItem(&scanner, index: index, arrayName: arrayName, whisperCpp: whisperCpp, into: &builder)
            }
        }

        /// As `readItems`, from an item of a segments array after its first
        /// on, to the array's end: the second half of a file (`SecondHalf`).
        /// Stops with an error at a warning (such a half is not taken), or
        /// once `goingOn` says so.
        mutating func readItemsFromTheMiddle(
            _ scanner: inout JSONScanner, into builder: inout TranscriptBuilder, while goingOn: () -> Bool
        ) throws(JSONScanner.Failure) {
            shape = .segments
            try scanner.elementsFromHere { scanner, index throws(JSONScanner.Failure) in
                guard builder.warnings.isEmpty, goingOn() else {
                    throw JSONScanner.Failure(message: "the second half is of no use", line: 0)
                }
                try readItem(&scanner, index: index, arrayName: "segments", whisperCpp: false, into: &builder)
            }
        }

        private mutating func readItem(
            _ scanner: inout JSONScanner, index: Int, arrayName: String, whisperCpp: Bool, into builder: inout TranscriptBuilder
        ) throws(JSONScanner.Failure) {
            let kind = try scanner.kind()
            if let second = secondHalf, scanner.offset >= second.split {
                secondHalf = nil
                // Exactly where the second half starts: it is the rest of this array.
                if scanner.offset == second.split, kind == .object, shape == .segments, let half = second.wait() {
                    return takeSecondHalf(half, of: second, &scanner, into: &builder)
                }
                // Passed without landing on it, or of no use where it landed.
                second.stop()
            }
            item.reset(line: scanner.line())
            guard kind == .object else {
                try scanner.skip()
                builder.warn(.invalidItem, line: item.line, detail: "\(arrayName)[\(index)]")
                return
            }
            try scanner.members { scanner, key throws(JSONScanner.Failure) in
                if whisperCpp { try readWhisperCppField(key, &scanner) } else { try readSegmentField(key, &scanner) }
            }
            take(arrayName: arrayName, index: index, into: &builder)
            if let itemLimit, index + 1 >= itemLimit {
                // Enough for a preview: stop reading here.
                reachedItemLimit = true
                throw JSONScanner.Failure(message: "the preview's items are read", line: 0)
            }
        }

        /// Joins the second half's items after this half's, and goes on at
        /// the end of the array, where the second half stopped.
        private mutating func takeSecondHalf(
            _ half: SecondHalf.Items, of second: SecondHalf, _ scanner: inout JSONScanner,
            into builder: inout TranscriptBuilder
        ) {
            if isHeld { commitHeld(nextStart: half.firstStart, into: &builder) }
            var items = half.builder
            builder.appendPart(&items, lineOffset: 0)
            hasSpeakers = hasSpeakers || half.hasSpeakers
            second.firstHalf.readOn(from: second.fileOffset + half.arrayEnd)
            scanner.jump(to: second.split + half.arrayEnd, newlines: half.newlines)
        }

        private mutating func readSegmentField(_ key: JSONScanner.Key, _ scanner: inout JSONScanner) throws(JSONScanner.Failure) {
            let podcast = shape == .podcast
            if key == (podcast ? "startTime" : "start") {
                item.start = seconds(try scanner.scalar())
            } else if key == (podcast ? "endTime" : "end") {
                item.end = seconds(try scanner.scalar())
            } else if key == (podcast ? "body" : "text"), try scanner.kind() == .string {
                try scanner.string(into: &item.text)
                item.hasText = true
            } else if key == "speaker" {
                item.speaker = speakerName(try scanner.scalar())
            } else if key == "turn" {
                item.turn = try scanner.scalar() == .boolean(true)
            } else if key == "estimated" {
                item.estimated = try scanner.scalar() == .boolean(true)
            } else if shape == .segments && (key == "startTime" || key == "endTime" || key == "body") {
                // Podcasting 2.0's names: the file is of that shape from here on.
                shape = .podcast
                try readSegmentField(key, &scanner)
            } else {
                try scanner.skip()
            }
        }

        private mutating func readWhisperCppField(_ key: JSONScanner.Key, _ scanner: inout JSONScanner) throws(JSONScanner
            .Failure)
        {
            if key == "text", try scanner.kind() == .string {
                try scanner.string(into: &item.text)
                item.hasText = true
            } else if key == "speaker" {
                item.speaker = speakerName(try scanner.scalar())
            } else if key == "speaker_turn_next" {
                item.speakerTurnNext = try scanner.scalar() == .boolean(true)
            } else if key == "offsets" || key == "timestamps", try scanner.kind() == .object {
                let offsets = key == "offsets"
                try scanner.members { scanner, key throws(JSONScanner.Failure) in
                    guard key == "from" || key == "to" else { return try scanner.skip() }
                    let time: Milliseconds?
                    switch try scanner.scalar() {
                    case .number(let ms) where offsets && ms.isFinite && abs(ms) < 1e15: time = Milliseconds(ms.rounded())
                    case .string(let text) where !offsets:
                        if case .success(let ms) = TimestampParser.parse(text) { time = ms } else { time = nil }
                    default: time = nil
                    }
                    // Offsets win over timestamps, whichever comes first.
                    if key == "from" {
                        if offsets || item.start == nil { item.start = time ?? item.start }
                    } else if offsets || item.end == nil {
                        item.end = time ?? item.end
                    }
                }
            } else {
                try scanner.skip()
            }
        }

        /// The item just read: warned about, or held for the next one.
        private mutating func take(arrayName: String, index: Int, into builder: inout TranscriptBuilder) {
            let whisperCpp = shape == .whisperCpp
            var name: String { "\(arrayName)[\(index)]" }
            guard let start = item.start, item.hasText else {
                let needs =
                    whisperCpp
                    ? "needs \"offsets\" or \"timestamps\" and \"text\""
                    : shape == .podcast ? "needs \"startTime\" and \"body\"" : "needs \"start\" and \"text\""
                builder.warn(.invalidItem, line: item.line, detail: "\(name): \(needs)")
                return
            }
            if item.speaker != nil { hasSpeakers = true }
            if firstStart == nil { firstStart = start }
            if item.end == nil && !whisperCpp { builder.warn(.missingEnd, line: item.line, detail: name) }
            if whisperCpp {
                // whisper.cpp marks the turn on the segment before it.
                item.turn = turnNext
                turnNext = item.speakerTurnNext
            }
            if shape == .podcast {
                podcastItems.append(
                    PodcastItem(
                        start: start, end: item.end, speaker: item.speaker, text: String(decoding: item.text, as: UTF8.self),
                        speakerChange: item.turn, line: item.line))
                return
            }
            if isHeld { commitHeld(nextStart: start, into: &builder) }
            swap(&held, &item)
            isHeld = true
        }

        private mutating func commitHeld(nextStart: Milliseconds?, into builder: inout TranscriptBuilder) {
            guard let start = held.start else { return }
            // A missing end is the next segment's start, or two seconds on.
            let end = held.end ?? nextStart.map { max($0, start) } ?? start + 2000
            let warningsBefore = builder.warnings.count
            builder.beginSegment()
            // Trimmed first: whisper's texts start with a space, which would
            // keep the cleaner off its fast path.
            held.text.withUnsafeBufferPointer { builder.appendText($0.trimmingSpaces()) }
            builder.commitSegment(
                start: start, end: end, speaker: held.speaker, speakerChange: held.turn, line: 0, estimated: held.estimated)
            // What the cleaner found in the text is told at the item's line.
            builder.setLine(held.line, ofWarningsFrom: warningsBefore)
            isHeld = false
        }

        mutating func finish(into builder: inout TranscriptBuilder) {
            if isHeld { commitHeld(nextStart: nil, into: &builder) }
            guard shape == .podcast else { return }
            let items = PodcastItem.isWordLevel(podcastItems) ? PodcastItem.mergeWords(podcastItems) : podcastItems
            for (k, item) in items.enumerated() {
                let end = item.end ?? (k + 1 < items.count ? max(items[k + 1].start, item.start) : item.start + 2000)
                let warningsBefore = builder.warnings.count
                builder.beginSegment()
                builder.appendText(item.text)
                builder.commitSegment(
                    start: item.start, end: end, speaker: item.speaker, speakerChange: item.speakerChange, line: 0)
                builder.setLine(item.line, ofWarningsFrom: warningsBefore)
            }
        }
    }

    // MARK: values

    /// Seconds as a number (or a numeric string), rounded to milliseconds.
    private static func seconds(_ value: JSONScanner.Scalar?) -> Milliseconds? {
        let number: Double
        switch value {
        case .number(let n)?: number = n
        case .string(let text)?:
            guard let n = Double(text) else { return nil }
            number = n
        default: return nil
        }
        guard number.isFinite, abs(number) < 1e12 else { return nil }  // past any transcript, and past Int64 ms
        return TimeFormat.milliseconds(fromSeconds: number)
    }

    private static func speakerName(_ value: JSONScanner.Scalar?) -> String? {
        switch value {
        case .string(let name)?: return name.isEmpty ? nil : name
        case .number(let n)? where n == n.rounded() && abs(n) < 1e15: return "Speaker \(Int(n))"
        default: return nil
        }
    }

    // MARK: Podcasting 2.0 word-level files

    struct PodcastItem {
        var start: Milliseconds
        var end: Milliseconds?
        var speaker: String?
        var text: String
        var speakerChange: Bool
        var line: Int

        /// Most segments one word long: the host wrote one word a segment.
        static func isWordLevel(_ items: [PodcastItem]) -> Bool {
            guard items.count >= 4 else { return false }
            let single = items.filter { !$0.text.trimmingASCIISpaces().contains(" ") }.count
            return single * 10 >= items.count * 6
        }

        /// Joins words into phrases that end at a sentence end, a change of
        /// speaker, a pause of a second or more, or 40 words.
        static func mergeWords(_ items: [PodcastItem]) -> [PodcastItem] {
            var out: [PodcastItem] = []
            var words = 0
            for item in items {
                let word = item.text.trimmingASCIISpaces()
                if var last = out.last, last.speaker == item.speaker, words < 40,
                    item.start - (last.end ?? last.start) < 1000,
                    !(last.text.last.map { ".?!".contains($0) } ?? false)
                {
                    last.text += " " + word
                    last.end = item.end ?? item.start
                    out[out.count - 1] = last
                    words += 1
                } else {
                    var first = item
                    first.text = word
                    out.append(first)
                    words = 1
                }
            }
            return out
        }
    }
}
