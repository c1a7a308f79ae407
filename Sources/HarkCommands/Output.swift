import FoundationEssentials
import Glibc
import HarkCore

/// Where command output goes. Buffered, because a 1,000-hour export is a
/// lot of small writes; tests pass a string sink instead of stdout.
public final class OutputSink {
    private var buffer: [UInt8] = []
    private let flushBytes: (UnsafeBufferPointer<UInt8>) -> Void
    /// Whether to colour: only for a terminal, and never with NO_COLOR set.
    public let colors: Bool

    public init(colors: Bool, flush: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        self.colors = colors
        self.flushBytes = flush
        buffer.reserveCapacity(1 << 16)
    }

    /// Standard output, coloured when it is a terminal and NO_COLOR is unset or empty.
    public static func standardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> OutputSink {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return OutputSink(colors: isatty(STDOUT_FILENO) == 1 && !noColor) { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                // A closed pipe (`hark … | head`) ends the output quietly.
                if n <= 0 { exit(0) }
                offset += n
            }
        }
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer(flushBytes)
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// A sink that collects text, for tests.
public final class StringSink {
    public private(set) var text = ""
    public init() {}
    public func sink(colors: Bool = false) -> OutputSink {
        OutputSink(colors: colors) { [unowned self] bytes in text += String(decoding: bytes, as: UTF8.self) }
    }
}

/// ANSI styles for the few places the command line colours.
enum ANSI {
    static let match = "\u{1B}[1;31m"
    static let path = "\u{1B}[35m"
    static let time = "\u{1B}[32m"
    static let reset = "\u{1B}[0m"

    static func paint(_ text: String, _ style: String, if enabled: Bool) -> String {
        enabled ? style + text + reset : text
    }
}

/// Messages for stderr.
public enum Diagnostics {
    public static func write(_ line: String) {
        StandardError.writeLine(line)
    }

    /// One line per kind of warning: `talk.srt:12: end before start; end set to start (+3 more)`.
    public static func warningLines(for transcript: Transcript) -> [String] {
        transcript.warnings.summarized().map { summary in
            let source = Escaped.name(transcript.source)
            let place = summary.first.line.map { "\(source):\($0)" } ?? source
            let more = summary.count > 1 ? " (+\(summary.count - 1) more)" : ""
            return "\(place): warning: \(summary.first.message)\(more)"
        }
    }
}
