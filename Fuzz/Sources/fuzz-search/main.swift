import FuzzSupport
import HarkCommands
import HarkCore

// Search patterns: the first byte sets the options (count, JSON, case,
// whole words, one file or two), the rest is the pattern, searched in two
// small transcripts with long, wide, accented and empty-looking segments.
let files: [String] = {
    let first = FuzzSupport.path("a.whisper.txt")
    let second = FuzzSupport.path("b.srt")
    let long = String(repeating: "word ", count: 3_000)
    let whisper =
        "[00:00:00.000 --> 00:00:02.000]   Hello there, café naïve 東京 👍.\n"
        + "[00:00:02.000 --> 00:00:04.000]    \(long)end.\n"
        + "[00:00:04.000 --> 00:00:06.000]   >> a  b\tc.\n"
    let srt =
        "1\n00:00:01,000 --> 00:00:02,000\nSpeaker 1: x\n\n2\n00:00:03,000 --> 00:00:04,000\n(speaker 2) Ünïcödé - and more.\n"
    for (path, text) in [(first, whisper), (second, srt)] {
        var bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { FuzzSupport.write($0, to: path) }
    }
    return [first, second]
}()

/// The most text a transcript here has (its segments joined by spaces).
let longestText = files.compactMap { try? TranscriptLoader.load(path: $0).continuousTextLength }.max() ?? 0

@_cdecl("fuzz_search_main")
public func fuzzMain(argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzSupport.runFuzzer(argc: argc, argv: argv) { data, size in
        guard let data else { return 0 }
        return fuzzOne(data, size)
    }
}

func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let flags = data[0]
    let pattern = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    var options = HarkCommands.SearchOptions()
    options.count = flags & 1 != 0
    options.json = flags & 2 != 0
    options.caseSensitive = flags & 4 != 0
    options.wholeWord = flags & 8 != 0
    let paths = flags & 16 != 0 ? files : [files[0]]
    let result = FuzzSupport.run { HarkCommands.search(pattern: pattern, paths: paths, options: options, output: $0, report: $1) }
    FuzzSupport.requireNoControlCharacters(result.output + result.errors.joined(separator: "\n"), "search")
    // JSON has an object a match, bounded by the context around it; text has
    // a line a segment with every match in it, which may show all of the
    // segment but never any of its text twice: at most the file's text.
    let limit = options.json ? 4 * 160 + 4 * pattern.utf8.count + 400 : longestText + 400
    for line in result.output.split(separator: "\n") where line.utf8.count > limit {
        fatalError("a search line of \(line.utf8.count) bytes")
    }
    return 0
}
