import FuzzSupport
import HarkCore
import HarkReader
import HarkTopics
import ReaderScreens
import ReaderState
import TerminalKit

// The reader: any sequence of keys, mouse events and resizes, on a small
// conversation with topics, is handled and drawn without a crash. Each byte
// is one event; its value picks which.
let transcript = Transcript(
    source: "talk.json", format: .diarizedJSON,
    segments: [
        Segment(start: 0, end: 2000, text: "[MUSIC]"),
        Segment(start: 2000, end: 6000, speaker: "Sarah", text: "Welcome to the show about large language models and MLOps."),
        Segment(start: 6000, end: 9000, speaker: "Sarah", text: "Today we talk about structured data and consolidation."),
        Segment(start: 9000, end: 12000, speaker: "Lukas", text: "Thanks. I spent a year in 東京 at a café, naïve as I was."),
        Segment(start: 12000, end: 15000, speaker: "Lukas", text: String(repeating: "Language models everywhere ", count: 40)),
        Segment(start: 20500, end: 24000, text: "Somebody else cuts in about MLOps.", speakerChange: true),
    ])
let definitions = [
    TopicDefinition(name: "MLOps", keywords: ["MLOps", "consolidat*"]),
    TopicDefinition(name: "data", keywords: ["structured data", "data"], colour: "magenta"),
]
let topics = FoundTopics.find(in: transcript, folded: FoldedText(transcript, caseSensitive: false), definitions: definitions)
let specialKeys: [KeyPress] = [
    .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace, .tab, .backTab, .delete,
    .function(1), .other("Insert"), .control("c"), .control("d"), .control("u"), .control("f"), .control("b"), .control("z"),
    .control("g"),
]

@_cdecl("fuzz_reader_keys_main")
public func fuzzMain(argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzSupport.runFuzzer(argc: argc, argv: argv) { data, size in
        guard let data else { return 0 }
        return fuzzOne(data, size)
    }
}

func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let document = CachedDocument(transcript, id: DocumentID(1), audioPath: "talk.mp3")
    var (state, _) = ReaderState.opening(
        document, files: ["talk.json", "b.json"], size: Size(width: 80, height: 24), colorSupport: .extended)
    for k in 0..<size {
        let byte = data[k]
        let event: ReaderEvent
        switch byte {
        case 0x20...0x7E: event = .key(.character(Character(Unicode.Scalar(byte))))
        case 0x80..<0x80 + UInt8(specialKeys.count): event = .key(specialKeys[Int(byte - 0x80)])
        case 0xC0: event = .topicsFound(document.id, topics)
        case 0xC1: event = .fileOpened(index: 1, CachedDocument(transcript, id: DocumentID(2 + k)))
        case 0xC2: event = .searchReady(document.id)
        // What an audio player says, at any moment (positions anywhere, even past the end).
        case 0xC3: event = .player(document.id, .position(Int64(k < size - 1 ? data[k + 1] : 0) * 100 - 500))
        case 0xC4: event = .player(document.id, .paused(k % 2 == 0))
        case 0xC5: event = .player(document.id, .ended)
        case 0xC6: event = .player(document.id, .failed("mpv stopped"))
        case 0xD0...0xDF:
            // A resize, from 1x1 up.
            let next = k + 1 < size ? Int(data[k + 1]) : 0
            event = .resize(Size(width: 1 + Int(byte - 0xD0) * 16 + next % 16, height: 1 + next / 4))
        case 0xE0...0xEF:
            let column = Int(byte - 0xE0) * 6
            let row = k + 1 < size ? Int(data[k + 1]) % 30 : 0
            event = .mouse([MouseButton.left, .wheelUp, .wheelDown][k % 3], column: column, row: row)
        default: continue
        }
        _ = state.handle(event)
        if k % 8 == 7 || k == size - 1 {
            let grid = ReaderScreen.render(state)
            for run in ScreenDiff.runs(from: nil, to: grid) where DisplayWidth.of(run.text) != run.width {
                fatalError("a run of \(run.width) columns with text \(DisplayWidth.of(run.text)) wide")
            }
        }
    }
    return 0
}
