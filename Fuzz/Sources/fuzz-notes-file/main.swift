import Foundation
import FuzzSupport
import HarkCore
import HarkNotes

// Notes files: any bytes read as notes or give one error with a line; notes
// that read are then edited (a mark set, as the reader's `m` does) and the
// file must read back with the mark and everything it held before.
let transcript = Transcript(
    source: "t", format: .srt,
    segments: (0..<40).map { k in
        Segment(
            start: Int64(k) * 5_000, end: Int64(k) * 5_000 + 4_000, speaker: k % 3 == 0 ? "SPEAKER_00" : "SPEAKER_01",
            text: "Consolidation of MLOps tools and structured data, point \(k).")
    })
let folder =
    (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
    + "/hark-fuzz-notes-\(getpid())"
let path = folder + "/t.hark.toml"

@_cdecl("fuzz_notes_file_main")
public func fuzzMain(argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return FuzzSupport.runFuzzer(argc: argc, argv: argv) { data, size in
        guard let data else { return 0 }
        return fuzzOne(data, size)
    }
}

func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    guard FileManager.default.createFile(atPath: path, contents: bytes) else { fatalError("cannot write \(path)") }
    let before: Notes
    do {
        before = try NotesFile.load(path: path, for: transcript).notes
    } catch {
        check(error)
        // A broken file is never written over.
        _ = try? NotesFile.save(.setMark(Mark(segment: 7, start: 35_000, note: "n")), path: path, for: transcript)
        if FileManager.default.contents(atPath: path) != bytes { fatalError("a broken notes file was written over") }
        return 0
    }
    for name in before.namesUsed { FuzzSupport.requireNoControlCharacters(name, "speaker name") }
    let mark = Mark(segment: 7, start: 35_000, note: "fuzzed \"note\"\n")
    do {
        let saved = try NotesFile.save(.setMark(mark), path: path, for: transcript).notes
        let reread = try NotesFile.load(path: path, for: transcript).notes
        guard saved == reread, reread.mark(at: 7) == mark else { fatalError("the saved file does not read back as saved") }
        var expected = before
        expected.apply(.setMark(mark))
        guard reread.quotes == expected.quotes, reread.turns == expected.turns, reread.speakerNames == expected.speakerNames
        else { fatalError("a save lost what the file held") }
    } catch {
        // Refusing an edit it cannot make safely is allowed (the file is then unchanged); saying why is required.
        check(error)
        if FileManager.default.contents(atPath: path) != bytes { fatalError("a refused save changed the file") }
    }
    return 0
}

func check(_ error: NotesFileError) {
    FuzzSupport.requireNoControlCharacters(error.description, "notes file error")
    if let line = error.line, line < 1 { fatalError("an error on line \(line)") }
}
