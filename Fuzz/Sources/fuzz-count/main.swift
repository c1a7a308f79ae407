import FuzzSupport
import HarkCore

// The quick count of `hark search --count` (no transcript built) against
// the count in the loaded transcript: the input is a whisper text file,
// after a first byte that picks the pattern and the case and word options.
// Whenever the quick count answers, it must give the load's count.
let patterns = ["language model", "model so", "the", "a", "café", "ss", "[music]", "so  it", "l l", "00"]
let path = FuzzSupport.path("count.whisper.txt")

@_cdecl("fuzz_count_main")
public func fuzzMain(argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzSupport.runFuzzer(argc: argc, argv: argv) { data, size in
        guard let data else { return 0 }
        return fuzzOne(data, size)
    }
}

func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let flags = data[0]
    FuzzSupport.write(UnsafeBufferPointer(start: data + 1, count: size - 1), to: path)
    let query = SearchQuery(
        patterns[Int(flags & 0x0F) % patterns.count], forceCaseSensitive: flags & 0x10 != 0, wholeWord: flags & 0x20 != 0)
    guard let quick = TextSearch.count(of: query, inFileAt: path, format: nil) else { return 0 }
    guard let transcript = try? TranscriptLoader.load(path: path) else {
        fatalError("the quick count answered \(quick) for a file the load refuses")
    }
    let full = TextSearch.count(of: query, in: transcript)
    if quick != full { fatalError("quick count \(quick), the load's \(full), for \(query.pattern)") }
    return 0
}
