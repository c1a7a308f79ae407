import FuzzSupport
import HarkCore
import HarkTOML
import HarkTopics

// Topics files: any bytes give topics or one error with a line, and the
// topics found are matched against a small transcript; the TOML parser
// itself is checked on the same bytes.
let transcript = Transcript(
    source: "t", format: .srt,
    segments: (0..<40).map { k in
        Segment(
            start: Int64(k) * 5_000, end: Int64(k) * 5_000 + 4_000,
            text: "Consolidation of MLOps tools and structured data, point \(k).")
    })

@_cdecl("fuzz_topics_file_main")
public func fuzzMain(argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzSupport.runFuzzer(argc: argc, argv: argv) { data, size in
        guard let data else { return 0 }
        return fuzzOne(data, size)
    }
}

func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? TOML.parse(bytes: bytes)
    do {
        let definitions = try TopicsFile.parse(bytes: bytes, path: "fuzz.topics.toml")
        let topics = TopicFinder.topics(definitions, source: .file, in: transcript)
        for topic in topics { FuzzSupport.requireNoControlCharacters(topic.name, "topic name") }
    } catch {
        FuzzSupport.requireNoControlCharacters(error.description, "topics file error")
        guard error.line.map({ $0 >= 1 }) ?? true else { fatalError("an error on line \(error.line!)") }
    }
    return 0
}
