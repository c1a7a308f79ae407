import FuzzSupport
import HarkCore

// The text formats' readers: the first byte picks the format (or recognition from the content),
// the rest is the file. Every command's output is checked.
let formats: [(TranscriptFormat?, String)] = [
    (nil, "txt"), (.whisperText, "txt"), (.srt, "srt"), (.webvtt, "vtt"), (.speakerText, "txt"), (nil, "srt"), (nil, "vtt"),
    (.markdown, "md"), (.plainText, "txt"), (nil, "md"),
]

@_cdecl("fuzz_text_formats_main")
public func fuzzMain(argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzSupport.runFuzzer(argc: argc, argv: argv) { data, size in
        guard let data else { return 0 }
        return FuzzSupport.fuzzFormat(data, size, formats)
    }
}
