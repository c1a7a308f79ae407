import Foundation

/// Audio the tests make themselves: espeak-ng speaks each line of a small
/// transcript, and sox puts each line at a known time (every `slot`
/// milliseconds, padded with silence), so a test knows which line is heard
/// at any moment. Made once per process and name, in the temporary folder.
public struct SpokenAudio: Sendable {
    public let audioPath: String
    /// An SRT of the same lines at the same times.
    public let transcriptPath: String
    public let lines: [String]
    public let slotMilliseconds: Int

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The lines the tests speak: different words, so a search finds one line.
    public static let interview = [
        "Welcome to the show, today we talk about audio.",
        "The first topic is the weather in the mountains.",
        "Then we move on to machine learning tools.",
        "Structured data is where the money is.",
        "A word about consolidation of the market.",
        "The second half begins with a question.",
        "Why do people still read transcripts?",
        "Because reading is faster than listening.",
        "Pianos and violins close the hour.",
        "Thank you for listening, goodbye.",
    ]

    /// `name.wav` and `name.srt` in `folder` (the test process's own folder when nil).
    public static func make(
        name: String = "spoken", lines: [String] = interview, slotMilliseconds: Int = 3000, in folder: URL? = nil
    ) throws -> SpokenAudio {
        let folder = folder ?? TestSupport.temporaryFolder
        let audio = folder.appendingPathComponent(name + ".wav").path
        let transcript = folder.appendingPathComponent(name + ".srt").path
        let made = SpokenAudio(audioPath: audio, transcriptPath: transcript, lines: lines, slotMilliseconds: slotMilliseconds)
        if FileManager.default.fileExists(atPath: audio) && FileManager.default.fileExists(atPath: transcript) { return made }
        var parts: [String] = []
        let seconds = Double(slotMilliseconds) / 1000
        for (k, line) in lines.enumerated() {
            let spoken = folder.appendingPathComponent("\(name)-\(k)-spoken.wav").path
            let slot = folder.appendingPathComponent("\(name)-\(k)-slot.wav").path
            try run(["espeak-ng", "-s", "190", "-w", spoken, line])
            // Each line fills its slot exactly: speech, then silence up to the slot's end.
            try run(["sox", spoken, "-r", "22050", "-c", "1", slot, "pad", "0", "\(seconds)", "trim", "0", "\(seconds)"])
            parts.append(slot)
        }
        try run(["sox"] + parts + [audio])
        for part in parts {
            try? FileManager.default.removeItem(atPath: part)
            try? FileManager.default.removeItem(atPath: part.replacingOccurrences(of: "-slot.wav", with: "-spoken.wav"))
        }
        try Data(made.srt.utf8).write(to: URL(fileURLWithPath: transcript))
        return made
    }

    /// Line `k` is heard from `start(of: k)` to `start(of: k + 1)`.
    public func start(of line: Int) -> Int { line * slotMilliseconds }

    public var srt: String {
        lines.enumerated().map { k, line in
            "\(k + 1)\n\(Self.stamp(start(of: k))) --> \(Self.stamp(start(of: k + 1) - 200))\n\(line)\n"
        }.joined(separator: "\n")
    }

    static func stamp(_ ms: Int) -> String {
        String(format: "%02d:%02d:%02d,%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
    }

    static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch { throw Failure(description: "\(arguments[0]) could not run: \(error)") }
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description:
                    "\(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(String(decoding: said, as: UTF8.self)) (.ci/run installs espeak-ng and sox)"
            )
        }
    }
}
