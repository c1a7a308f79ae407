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
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw LoadError(path: path, reason: "not valid JSON: \(Self.describe(error))")
        }
        if let object = root as? [String: Any] {
            if let items = object["transcription"] as? [Any] {
                readWhisperCpp(items, into: &builder)
                return .whisperCppJSON
            }
            if let items = object["segments"] as? [Any] {
                return readSegments(items, key: "segments", into: &builder)
            }
        } else if let items = root as? [Any] {
            return readSegments(items, key: "", into: &builder)
        }
        throw LoadError(
            path: path,
            reason: "JSON without transcript segments: expected a \"segments\" or \"transcription\" array")
    }

    private static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        return (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
    }

    // MARK: segments arrays

    private struct Item {
        var start: Milliseconds
        var end: Milliseconds?
        var speaker: String?
        var text: String
        var speakerChange: Bool
    }

    private static func readSegments(_ items: [Any], key: String, into builder: inout TranscriptBuilder) -> TranscriptFormat {
        let isPodcast = items.contains { ($0 as? [String: Any])?["body"] != nil || ($0 as? [String: Any])?["startTime"] != nil }
        var parsed: [Item] = []
        var hasSpeakers = false
        for (index, element) in items.enumerated() {
            let name = "\(key)[\(index)]"
            guard let object = element as? [String: Any] else {
                builder.warn(.invalidItem, line: nil, detail: name)
                continue
            }
            let startKey = isPodcast ? "startTime" : "start"
            let endKey = isPodcast ? "endTime" : "end"
            let textKey = isPodcast ? "body" : "text"
            guard let start = seconds(object[startKey]), let text = object[textKey] as? String else {
                builder.warn(.invalidItem, line: nil, detail: "\(name): needs \"\(startKey)\" and \"\(textKey)\"")
                continue
            }
            let speaker = speakerName(object["speaker"])
            if speaker != nil { hasSpeakers = true }
            parsed.append(
                Item(
                    start: start, end: seconds(object[endKey]), speaker: speaker, text: text,
                    speakerChange: bool(object["turn"])))
            if seconds(object[endKey]) == nil {
                builder.warn(.missingEnd, line: nil, detail: name)
            }
        }
        if isPodcast && isWordLevel(parsed) { parsed = mergeWords(parsed) }
        commit(parsed, into: &builder)
        if isPodcast { return .podcastJSON }
        return hasSpeakers ? .diarizedJSON : .whisperJSON
    }

    private static func readWhisperCpp(_ items: [Any], into builder: inout TranscriptBuilder) {
        var parsed: [Item] = []
        var turnNext = false
        for (index, element) in items.enumerated() {
            guard let object = element as? [String: Any], let text = object["text"] as? String else {
                builder.warn(.invalidItem, line: nil, detail: "transcription[\(index)]")
                continue
            }
            let offsets = object["offsets"] as? [String: Any]
            let stamps = object["timestamps"] as? [String: Any]
            func time(_ key: String) -> Milliseconds? {
                if let ms = number(offsets?[key]), ms.isFinite { return Milliseconds(ms.rounded()) }
                if let text = stamps?[key] as? String, case .success(let ms) = TimestampParser.parse(text) { return ms }
                return nil
            }
            guard let start = time("from") else {
                builder.warn(.invalidItem, line: nil, detail: "transcription[\(index)]: no start time")
                continue
            }
            parsed.append(
                Item(
                    start: start, end: time("to"), speaker: speakerName(object["speaker"]), text: text,
                    speakerChange: turnNext))
            turnNext = bool(object["speaker_turn_next"])
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
    private static func seconds(_ value: Any?) -> Milliseconds? {
        if let number = self.number(value) { return TimeFormat.milliseconds(fromSeconds: number) }
        if let text = value as? String, let number = Double(text) { return TimeFormat.milliseconds(fromSeconds: number) }
        return nil
    }

    /// A JSON number (not a boolean: Foundation gives both as NSNumber, and
    /// on Linux `0.0 is Bool` holds).
    private static func number(_ value: Any?) -> Double? {
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
        return number.doubleValue
    }

    private static func bool(_ value: Any?) -> Bool {
        guard let number = value as? NSNumber, String(cString: number.objCType) == "c" else { return false }
        return number.boolValue
    }

    private static func speakerName(_ value: Any?) -> String? {
        if let name = value as? String { return name.isEmpty ? nil : name }
        if let number = number(value), number == number.rounded() { return "Speaker \(Int(number))" }
        return nil
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
