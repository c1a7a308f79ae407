import Foundation
import Testing

@testable import HarkCore

/// Inputs that never end, or never break a line: refused, or read in bounded work.
struct BoundedInputTests {
    private func expectRefusal(_ path: String, format: TranscriptFormat? = nil, _ reason: String) {
        do {
            _ = try TranscriptLoader.load(path: path, format: format)
            Issue.record("\(path) loaded")
        } catch {
            #expect("\(error)".contains(reason), "\(error)")
        }
    }

    @Test func aFIFOWithNoWriterIsRefusedAtOnce() throws {
        let path = TestFiles.folder.appendingPathComponent("fifo-\(UUID().uuidString).srt").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        expectRefusal(path, format: .srt, "is a pipe (FIFO), not a regular file")
    }

    @Test(arguments: [TranscriptFormat.srt, .whisperText, .whisperJSON])
    func aDeviceIsRefused(format: TranscriptFormat) {
        expectRefusal("/dev/zero", format: format, "is a device, not a regular file")
    }

    @Test func aLineWithoutEndIsCutAndTheRestOfTheFileStillLoads() throws {
        let long = [UInt8](repeating: 0x78, count: 3 * SourceFile.maximumLineBytes)
        let rest = Array("\n[00:00:01.000 --> 00:00:02.000]   After the long line.\n".utf8)
        // Read as whisper text: a first line of 3 MB hides the format from recognition.
        let transcript = try TranscriptLoader.load(
            path: TestFiles.write(long + rest, name: "long.whisper.txt"), format: .whisperText)
        #expect(transcript.texts == ["After the long line."])
        #expect(transcript.warnings.contains { $0.kind == .lineTooLong && $0.line == 1 })
        #expect(transcript.segments[0].line == 2)
    }

    @Test func aCutLineEndingInCRLFKeepsTheLineCount() throws {
        let long = [UInt8](repeating: 0x78, count: 2 * SourceFile.maximumLineBytes + 5)
        let rest = Array("\r\n\r\n1\r\n00:00:01,000 --> 00:00:02,000\r\nHello.\r\n".utf8)
        let transcript = try TranscriptLoader.load(path: TestFiles.write(long + rest, name: "crlf.srt"), format: .srt)
        #expect(transcript.texts == ["Hello."])
        #expect(transcript.segments[0].line == 4)
    }

    @Test func aSegmentIsCutAtItsBound() throws {
        let line = String(repeating: "word ", count: 20_000) + "\n"  // 100 KB a line
        let cue =
            "1\n00:00:01,000 --> 00:00:02,000\n" + String(repeating: line, count: 30)
            + "\n2\n00:00:03,000 --> 00:00:04,000\nNext.\n"
        let transcript = try TestFiles.load(cue, name: "huge-cue.srt")
        #expect(transcript.segments.count == 2)
        #expect(transcript.textRange(of: 0).count <= TranscriptBuilder.maximumSegmentBytes)
        #expect(transcript.warnings.contains { $0.kind == .segmentTooLong && $0.line != nil })
        #expect(transcript.texts[1] == "Next.")
    }

    @Test func aFileOfZerosEndsWithAnErrorInBoundedWork() throws {
        // A sparse file: 64 MB of NULs and no line end, read as SRT.
        let path = TestFiles.write([], name: "zeros.srt")
        #expect(truncate(path, 64 << 20) == 0)
        expectRefusal(path, format: .srt, "no segment found")
    }

    @Test func aJSONFileIsReadAsAStreamAndStopsAtItsFirstError() throws {
        // A sparse gigabyte of NULs: JSON is not read whole, so this ends at once.
        let path = TestFiles.write([], name: "huge.json")
        #expect(truncate(path, 1 << 30) == 0)
        defer { unlink(path) }
        expectRefusal(path, format: .whisperJSON, "not valid JSON: expected a value, found byte 0x0 (line 1)")
    }
}
