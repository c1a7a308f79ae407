import Foundation
import HarkCore

/// Makes the benchmark inputs from the sample interview: a 1,000-hour whisper
/// transcript of time-shifted copies, and a folder of 1,000 episode files.
enum Generator {
    static let hours = 1000
    static let episodes = 1000

    static func longTranscript(sample: String, into path: String) throws {
        if FileManager.default.fileExists(atPath: path) { return }
        let transcript = try TranscriptLoader.load(path: sample)
        let lines = try String(contentsOfFile: sample, encoding: .utf8).split(separator: "\n")
        // Each copy starts a second after the previous one ends.
        let period = transcript.duration + 1000
        let copies = Int((Milliseconds(hours) * 3_600_000 + period - 1) / period)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        for copy in 0..<copies {
            var chunk = ""
            let shift = Milliseconds(copy) * period
            for line in lines {
                guard let close = line.firstIndex(of: "]"), line.first == "[" else { continue }
                let times = line[line.index(after: line.startIndex)..<close].components(separatedBy: " --> ")
                guard times.count == 2, case .success(let start) = TimestampParser.parse(times[0]),
                    case .success(let end) = TimestampParser.parse(times[1])
                else { continue }
                chunk += "[\(stamp(start + shift)) --> \(stamp(end + shift))]\(line[line.index(after: close)...])\n"
            }
            handle.write(Data(chunk.utf8))
        }
        try handle.close()
    }

    /// whisper.cpp's `hh:mm:ss.mmm`, the hours growing past two digits.
    static func stamp(_ ms: Milliseconds) -> String {
        let text = TimeFormat.clock(ms)
        return text.first == ":" ? text : (text.split(separator: ":").first!.count < 2 ? "0" + text : text)
    }

    static func episodeFolder(sample: String, into folder: String) throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: folder + "/episode-\(String(format: "%04d", episodes)).txt") { return }
        try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let contents = try Data(contentsOf: URL(fileURLWithPath: sample))
        for k in 1...episodes {
            try contents.write(to: URL(fileURLWithPath: folder + "/episode-\(String(format: "%04d", k)).txt"))
        }
    }
}
