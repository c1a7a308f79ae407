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
        String(decoding: try spawn(program, arguments, capture: true).output, as: UTF8.self)
    }

    /// Runs a program to the end, its output discarded, and returns its exit status.
    static func status(_ program: String, _ arguments: [String]) throws -> Int32 {
        try spawn(program, arguments, capture: false).status
    }

    /// `posix_spawn` and `waitpid`, not Foundation's `Process`, whose wait
    /// for the end added about 50 ms to every run it timed.
    private static func spawn(_ program: String, _ arguments: [String], capture: Bool) throws -> (output: [UInt8], status: Int32)
    {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw CocoaError(.fileWriteUnknown) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        if capture {
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        close(pipe[1])
        defer { close(pipe[0]) }
        guard spawned == 0 else { throw CocoaError(.executableNotLoadable) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(pipe[0], $0.baseAddress, $0.count) }
            if n <= 0 { break }
            output += buffer[..<n]
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (output, (status >> 8) & 0xFF)
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
