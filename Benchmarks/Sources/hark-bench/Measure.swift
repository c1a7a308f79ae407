import Foundation

enum Measure {
    /// Median wall time in seconds of `runs` calls.
    static func median(_ runs: Int, _ body: () throws -> Void) -> Double {
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            do { try body() } catch { fatalError("\(error)") }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return times.sorted()[times.count / 2]
    }

    static func row(_ name: String, _ seconds: Double, _ megabytes: Double, note: String) -> String {
        String(format: "%-20@ %8.1f ms  %7.0f MB/s  %@", name as NSString, seconds * 1000, megabytes / seconds, note as NSString)
    }

    /// The baseline: read the file in 1 MiB chunks and count its lines, one
    /// byte at a time.
    static func byteScan(_ path: String) throws -> Int {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CocoaError(.fileReadNoSuchFile) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var lines = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            buffer.withUnsafeBufferPointer { bytes in
                for k in 0..<n where bytes[k] == 0x0A { lines += 1 }
            }
        }
        return lines
    }

    /// Runs a program to the end and returns its standard output.
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs a program to the end, its output discarded, and returns its exit status.
    static func status(_ program: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// This process's peak resident memory in bytes (VmHWM). A child reports
    /// its own: the rusage a parent gets counts the parent's memory at fork.
    static func ownPeakRSS() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }
}
