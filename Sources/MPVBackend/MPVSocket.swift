import FoundationEssentials
import Glibc

/// The client end of mpv's JSON IPC socket: one JSON object a line each
/// way. Writes come from any thread (under the player's lock); reads from
/// the player's own thread only.
struct MPVSocket {
    let descriptor: Int32

    /// Connects to the Unix socket at `path`; nil while mpv has not made it yet.
    static func connect(to path: String) -> MPVSocket? {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            Glibc.close(descriptor)
            return nil
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
            buffer[bytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(descriptor)
            return nil
        }
        return MPVSocket(descriptor: descriptor)
    }

    /// Sends one command (an array of JSON values) with its request id.
    /// False when mpv is gone; never raises SIGPIPE.
    @discardableResult
    func send(_ command: [MPVArgument], requestID: Int) -> Bool {
        guard var data = try? JSONEncoder().encode(MPVCommand(command: command, requestID: requestID)) else {
            return false
        }
        data.append(UInt8(ascii: "\n"))
        return data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.send(
                    descriptor, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }

    enum Wait {
        case readable, timedOut, closed
    }

    /// Waits up to `milliseconds` (negative: for ever) for something to read.
    func wait(milliseconds: Int32) -> Wait {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, milliseconds)
        if ready == 0 || (ready < 0 && errno == EINTR) { return .timedOut }
        if ready < 0 { return .closed }
        return .readable
    }

    /// What can be read now; empty when mpv closed its end.
    func read() -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            return count > 0 ? Array(buffer[..<count]) : []
        }
    }

    /// Wakes a `wait` on another thread: the end for the reader.
    func shutDown() { shutdown(descriptor, Int32(SHUT_RDWR)) }

    func close() { Glibc.close(descriptor) }
}

/// Cuts a byte stream into lines, keeping a line's start until its end comes.
struct LineSplitter {
    private var partial: [UInt8] = []

    mutating func lines(in bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        for (k, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(partial + bytes[start..<k])
            partial = []
            start = k + 1
        }
        partial += bytes[start...]
        return lines
    }
}
