import Foundation

/// `hark info` as a whole process on the same 1,000-hour transcript in each
/// format, beside a plain byte scan of the same file; and SRT against
/// Python's `srt` library on the 100-hour file.
enum FormatBenchmark {
    struct Row {
        var name: String
        var path: String
    }

    static func run(hark: String, data: String, whisperText: String, runs: Int) throws {
        try FormatGenerator.makeFiles(from: whisperText, data: data)
        let rows = [
            Row(name: "whisper text", path: whisperText),
            Row(name: "SRT", path: FormatGenerator.path(of: .srt, data: data)),
            Row(name: "WebVTT", path: FormatGenerator.path(of: .vtt, data: data)),
            Row(name: "openai-whisper JSON", path: FormatGenerator.path(of: .json, data: data)),
        ]
        print("\n== hark info, whole process, on the 1,000-hour transcript in each format; median of \(runs) ==")
        print("format                   size    byte scan      hark info   speed     x scan   peak memory")
        for row in rows {
            let size = fileSize(row.path)
            let scan = Measure.median(runs) { _ = try Measure.byteScan(row.path) }
            var peak = 0
            let info = Measure.median(runs) { peak = try peakMemory(of: hark, ["info", row.path]) }
            print(
                row.name.padding(toLength: 20, withPad: " ", startingAt: 0)
                    + String(
                        format: " %6.1f MB  %7.1f ms  %9.1f ms  %4.0f MB/s  %5.2fx  %6.1f MB = %.2fx the file",
                        Double(size) / 1e6, scan * 1000, info * 1000, Double(size) / 1e6 / info, info / scan,
                        Double(peak) / 1e6, Double(peak) / Double(size)))
        }
        print("(goal: at least 250 MB/s, aim 500; peak memory at most 1.5x the file)")

        // Python's srt: its parse of the whole file, counted, as a script would use it.
        let script = "import srt, sys; print(sum(1 for _ in srt.parse(open(sys.argv[1], encoding='utf-8').read())))"
        guard (try? Measure.status("/usr/bin/env", ["python3", "-c", "import srt"])) == 0 else {
            print("(no comparison with Python's srt: pip install srt)")
            return
        }
        print("\nSRT against Python's srt library (srt.parse over the whole file), whole processes:")
        let paths = [FormatGenerator.path(of: .srt100, data: data), FormatGenerator.path(of: .srt, data: data)]
        // hark's runs first: Python's take gigabytes, and the memory the
        // kernel then has to find again slowed the next process's faults.
        let harkTimes = paths.map { path in Measure.median(runs) { _ = try Measure.run(hark, ["info", path]) } }
        for (path, harkTime) in zip(paths, harkTimes) {
            let python = Measure.median(max(1, runs / 2)) {
                _ = try Measure.run("/usr/bin/env", ["python3", "-c", script, path])
            }
            print(
                String(
                    format: "%@ (%.1f MB): Python %8.1f ms (baseline), hark info %7.1f ms = %.0fx faster (goal ≥ 50x)",
                    (path as NSString).lastPathComponent, Double(fileSize(path)) / 1e6, python * 1000, harkTime * 1000,
                    python / harkTime))
        }
    }

    static func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Runs `program` under GNU time, which forks from its own small process,
    /// so the peak it reports is the program's own; returns it in bytes.
    static func peakMemory(of program: String, _ arguments: [String]) throws -> Int {
        let report = NSTemporaryDirectory() + "hark-bench-time-\(getpid())"
        defer { unlink(report) }
        _ = try Measure.run("/usr/bin/time", ["-f", "%M", "-o", report, program] + arguments)
        let text = try String(contentsOfFile: report, encoding: .utf8)
        return (Int(text.split(separator: "\n").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0) * 1024
    }
}
