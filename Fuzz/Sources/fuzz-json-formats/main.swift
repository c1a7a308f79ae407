import FuzzSupport
import HarkCore

// The JSON readers: the first byte picks the format (or recognition from the content),
// the rest is the file. Every command's output is checked.
let formats: [(TranscriptFormat?, String)] = [
    (nil, "json"), (.whisperJSON, "json"), (.whisperCppJSON, "json"), (.diarizedJSON, "json"), (.podcastJSON, "json"),
]

@_cdecl("fuzz_json_formats_main")
public func fuzzMain(argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzSupport.runFuzzer(argc: argc, argv: argv) { data, size in
        guard let data else { return 0 }
        return FuzzSupport.fuzzFormat(data, size, formats)
    }
}
