import Dispatch
import HarkCore
import HarkTopics

extension HarkCommands {
    /// `hark topics DIR`: for each topic, the folder's transcripts ranked by
    /// how much they discuss it (the minutes in its passages), with their
    /// passages. Each transcript's topics come from `--topics FILE` when
    /// given (the same topics for the whole library: the way to compare
    /// them), else from its own topics file beside it, else hark finds them;
    /// topics of the same name in several files are one topic. Topics are in
    /// order of their minutes in the whole library. Files are read in
    /// parallel; one that cannot be read is reported and the others still
    /// ranked (status 1).
    public static func libraryTopics(
        folder: String, options: TopicOptions, output: OutputSink, report: (String) -> Void = Diagnostics.write
    ) -> Int32 {
        let files = TranscriptFiles(paths: [folder])
        files.errors.forEach { report("hark: \($0)") }
        var status: Int32 = files.errors.isEmpty ? 0 : 1
        var library = LibraryTopics()
        inFileOrder(files.entries.count) { k in
            topicsOfFile(files.entries[k], options: options)
        } deliver: { result in
            switch result {
            case .success(let file)?: library.add(file)
            case .failure(let failure)?:
                report(failure.message)
                status = 1
            case nil: break
            }
        }
        output.write(options.json ? library.json + "\n" : library.plain)
        output.flush()
        return status
    }

    private static func topicsOfFile(
        _ entry: TranscriptFiles.Entry, options: TopicOptions
    ) -> Result<LibraryTopics.File, LibraryTopics.Failure>? {
        switch LibraryFile.load(entry, format: options.format) {
        case .skipped: return nil
        case .failed(let message): return .failure(.init(message: "hark: " + message))
        case .transcript(let loaded):
            let (transcript, _) = notesMessages(for: loaded, notesFile: nil, quiet: true)
            switch TopicsSetup.topics(for: transcript, path: entry.path, given: options.topicsFile) {
            case .success(let topics):
                let estimated = topics.map { $0.passages.map { transcript.isEstimated($0.segments.lowerBound) } }
                return .success(.init(path: entry.path, topics: topics, estimated: estimated))
            case .failure(let error): return .failure(.init(message: "hark: \(error.description)"))
            }
        }
    }
}

/// Topics gathered over a library, and how they print.
struct LibraryTopics {
    struct File: Sendable {
        var path: String
        var topics: [Topic]
        /// For each topic's passages, whether its time is estimated.
        var estimated: [[Bool]]
    }

    struct Failure: Error, Sendable { var message: String }

    struct Ranked {
        var path: String
        var passages: [(passage: Passage, estimated: Bool)]
        var milliseconds: Milliseconds
    }

    /// Topic names in the order first seen, each with the files discussing it.
    private var names: [String] = []
    private var byName: [String: [Ranked]] = [:]

    mutating func add(_ file: File) {
        for (topic, estimated) in zip(file.topics, file.estimated) where !topic.passages.isEmpty {
            let passages = Array(zip(topic.passages, estimated))
            let time = topic.passages.reduce(Milliseconds(0)) { $0 + ($1.end - $1.start) }
            if byName[topic.name] == nil { names.append(topic.name) }
            byName[topic.name, default: []].append(
                Ranked(path: file.path, passages: passages.map { ($0.0, $0.1) }, milliseconds: time))
        }
    }

    /// Topics by their minutes in the whole library, then name; files by their minutes, then path.
    var ranked: [(name: String, files: [Ranked])] {
        let topics = names.map { name in
            (name: name, files: byName[name]!.sorted { ($1.milliseconds, $0.path) < ($0.milliseconds, $1.path) })
        }
        func total(_ files: [Ranked]) -> Milliseconds { files.reduce(0) { $0 + $1.milliseconds } }
        return topics.sorted { (total($1.files), $0.name) < (total($0.files), $1.name) }
    }

    var plain: String {
        let topics = ranked
        guard !topics.isEmpty else { return "No topics found.\n" }
        var out = ""
        for (k, topic) in topics.enumerated() {
            if k > 0 { out += "\n" }
            out += "\(topic.name) (\(topic.files.count) transcript\(topic.files.count == 1 ? "" : "s"))\n"
            for file in topic.files {
                out += "  \(Self.minutes(file.milliseconds)) min  \(Escaped.name(file.path))\n"
                for (passage, estimated) in file.passages {
                    out +=
                        "    \(TimeFormat.mark(estimated: estimated))\(TimeFormat.short(passage.start))–\(TimeFormat.short(passage.end))"
                        + "  segments \(passage.segments.lowerBound)–\(passage.segments.upperBound)\n"
                }
            }
        }
        return out
    }

    var json: String {
        let items = ranked.map { topic in
            let files = topic.files.map { file in
                let passages = file.passages.map { p in
                    "{\"start\": \(TimeFormat.seconds(p.passage.start)), \"end\": \(TimeFormat.seconds(p.passage.end)), "
                        + "\"first_segment\": \(p.passage.segments.lowerBound), \"last_segment\": \(p.passage.segments.upperBound), "
                        + "\"score\": \(TopicsText.score(p.passage.score))}"
                }
                return "{\"file\": \(JSONText.quote(file.path)), \"minutes\": \(Self.minutes(file.milliseconds)), "
                    + "\"passages\": [\(passages.joined(separator: ", "))]}"
            }
            return "{\"name\": \(JSONText.quote(topic.name)), \"transcripts\": [\(files.joined(separator: ", "))]}"
        }
        return "{\"topics\": [\(items.joined(separator: ", "))]}"
    }

    static func minutes(_ ms: Milliseconds) -> String { Fixed.decimals(Double(ms) / 60_000, 1) }
}
