import Foundation

/// The JSON transcript shapes: openai-whisper and OpenAI `verbose_json`
/// (`segments` with `start`/`end` seconds), diarized JSON (the same with
/// `speaker`, as WhisperX and OpenAI write), whisper.cpp `-oj`
/// (`transcription` with `offsets` in ms), Podcasting 2.0 (`segments` with
/// `startTime`/`endTime`/`body`), and hark's own export.
///
/// JSON has no line per segment, so warnings name the item (`segments[12]`).
enum JSONTranscriptReader {
    static func read(
        _ bytes: [UInt8], path: String, into builder: inout TranscriptBuilder
    ) throws -> TranscriptFormat {
        var scanner = JSONScanner(bytes)
        var segments: [RawItem]?
        var transcription: [RawItem]?
        do {
            switch try scanner.kind() {
            case .object:
                try scanner.members { scanner, key throws(JSONScanner.Failure) in
                    let isArray = try scanner.kind() == .array
                    switch key {
                    case "segments" where isArray: segments = try readItems(&scanner)
                    case "transcription" where isArray: transcription = try readItems(&scanner)
                    default: try scanner.skip()
                    }
                }
            case .array:
                segments = try readItems(&scanner)
            default:
                try scanner.skip()
            }
            try scanner.end()
        } catch {
            throw LoadError(path: path, reason: "not valid JSON: \(error.message) (line \(scanner.line(of: error.offset)))")
        }
        if let transcription {
            readWhisperCpp(transcription, into: &builder)
            return .whisperCppJSON
        }
        if let segments {
            return readSegments(segments, key: bytes.first(where: { $0 > 0x20 }) == 0x5B ? "" : "segments", into: &builder)
        }
        throw LoadError(
            path: path,
            reason: "JSON without transcript segments: expected a \"segments\" or \"transcription\" array")
    }

    // MARK: Items, as read

    /// What an item of a segments or transcription array says, of what hark
    /// reads; everything else in it is skipped unread.
    struct RawItem {
        var isObject = false
        var fields: [String: JSONScanner.Scalar] = [:]
        /// whisper.cpp's `offsets` (numbers) and `timestamps` (strings).
        var offsets: [String: JSONScanner.Scalar] = [:]
        var timestamps: [String: JSONScanner.Scalar] = [:]
    }

    static let itemKeys: Set<String> = [
        "start", "end", "text", "speaker", "turn", "startTime", "endTime", "body", "speaker_turn_next",
    ]

    private static func readItems(_ scanner: inout JSONScanner) throws(JSONScanner.Failure) -> [RawItem] {
        var items: [RawItem] = []
        try scanner.elements { scanner, _ throws(JSONScanner.Failure) in
            var item = RawItem()
            if try scanner.kind() == .object {
                item.isObject = true
                try scanner.members { scanner, key throws(JSONScanner.Failure) in
                    if itemKeys.contains(key) {
                        item.fields[key] = try scanner.scalar()
                    } else if key == "offsets" || key == "timestamps", try scanner.kind() == .object {
                        var pair: [String: JSONScanner.Scalar] = [:]
                        try scanner.members { scanner, key throws(JSONScanner.Failure) in
                            if key == "from" || key == "to" { pair[key] = try scanner.scalar() } else { try scanner.skip() }
                        }
                        if key == "offsets" { item.offsets = pair } else { item.timestamps = pair }
                    } else {
                        try scanner.skip()
                    }
                }
            } else {
                try scanner.skip()
            }
            items.append(item)
        }
        return items
    }

    // MARK: segments arrays

    private struct Item {
        var start: Milliseconds
        var end: Milliseconds?
        var speaker: String?
        var text: String
        var speakerChange: Bool
    }

    private static func readSegments(_ items: [RawItem], key: String, into builder: inout TranscriptBuilder) -> TranscriptFormat {
        let isPodcast = items.contains { $0.fields["body"] != nil || $0.fields["startTime"] != nil }
        var parsed: [Item] = []
        var hasSpeakers = false
        for (index, element) in items.enumerated() {
            let name = "\(key)[\(index)]"
            guard element.isObject else {
                builder.warn(.invalidItem, line: nil, detail: name)
                continue
            }
            let startKey = isPodcast ? "startTime" : "start"
            let endKey = isPodcast ? "endTime" : "end"
            let textKey = isPodcast ? "body" : "text"
            guard let start = seconds(element.fields[startKey]), case .string(let text)? = element.fields[textKey] else {
                builder.warn(.invalidItem, line: nil, detail: "\(name): needs \"\(startKey)\" and \"\(textKey)\"")
                continue
            }
            let speaker = speakerName(element.fields["speaker"])
            if speaker != nil { hasSpeakers = true }
            let end = seconds(element.fields[endKey])
            parsed.append(Item(start: start, end: end, speaker: speaker, text: text, speakerChange: bool(element.fields["turn"])))
            if end == nil {
                builder.warn(.missingEnd, line: nil, detail: name)
            }
        }
        if isPodcast && isWordLevel(parsed) { parsed = mergeWords(parsed) }
        commit(parsed, into: &builder)
        if isPodcast { return .podcastJSON }
        return hasSpeakers ? .diarizedJSON : .whisperJSON
    }

    private static func readWhisperCpp(_ items: [RawItem], into builder: inout TranscriptBuilder) {
        var parsed: [Item] = []
        var turnNext = false
        for (index, element) in items.enumerated() {
            guard element.isObject, case .string(let text)? = element.fields["text"] else {
                builder.warn(.invalidItem, line: nil, detail: "transcription[\(index)]")
                continue
            }
            func time(_ key: String) -> Milliseconds? {
                if case .number(let ms)? = element.offsets[key], ms.isFinite, abs(ms) < 1e15 { return Milliseconds(ms.rounded()) }
                if case .string(let text)? = element.timestamps[key], case .success(let ms) = TimestampParser.parse(text) {
                    return ms
                }
                return nil
            }
            guard let start = time("from") else {
                builder.warn(.invalidItem, line: nil, detail: "transcription[\(index)]: no start time")
                continue
            }
            parsed.append(
                Item(
                    start: start, end: time("to"), speaker: speakerName(element.fields["speaker"]), text: text,
                    speakerChange: turnNext))
            turnNext = bool(element.fields["speaker_turn_next"])
        }
        commit(parsed, into: &builder)
    }

    private static func commit(_ items: [Item], into builder: inout TranscriptBuilder) {
        for (k, item) in items.enumerated() {
            // A missing end is the next segment's start, or two seconds on.
            let end = item.end ?? (k + 1 < items.count ? max(items[k + 1].start, item.start) : item.start + 2000)
            builder.beginSegment()
            builder.appendText(item.text)
            builder.commitSegment(start: item.start, end: end, speaker: item.speaker, speakerChange: item.speakerChange, line: 0)
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

    private static func bool(_ value: JSONScanner.Scalar?) -> Bool { value == .boolean(true) }

    private static func speakerName(_ value: JSONScanner.Scalar?) -> String? {
        switch value {
        case .string(let name)?: return name.isEmpty ? nil : name
        case .number(let n)? where n == n.rounded() && abs(n) < 1e15: return "Speaker \(Int(n))"
        default: return nil
        }
    }

    // MARK: Podcasting 2.0 word-level files

    /// Most segments one word long: the host wrote one word a segment.
    private static func isWordLevel(_ items: [Item]) -> Bool {
        guard items.count >= 4 else { return false }
        let single = items.filter { !$0.text.trimmingASCIISpaces().contains(" ") }.count
        return single * 10 >= items.count * 6
    }

    /// Joins words into phrases that end at a sentence end, a change of
    /// speaker, a pause of a second or more, or 40 words.
    private static func mergeWords(_ items: [Item]) -> [Item] {
        var out: [Item] = []
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
                out.append(
                    Item(start: item.start, end: item.end, speaker: item.speaker, text: word, speakerChange: item.speakerChange))
                words = 1
            }
        }
        return out
    }
}
