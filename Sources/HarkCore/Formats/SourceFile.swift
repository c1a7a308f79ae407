import Glibc

/// Why a file could not be loaded at all. Anything less becomes a `LoadWarning`.
public struct LoadError: Error, Equatable, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var line: Int?

    public init(path: String, reason: String, line: Int? = nil) {
        self.path = path
        self.reason = reason
        self.line = line
    }

    /// One line for stderr: `talk.srt:12: reason` or `talk.srt: reason`.
    /// Control characters in the path or the reason (which may quote the
    /// file) are escaped: see `Escaped`.
    public var description: String {
        let place = Escaped.name(path) + (line.map { ":\($0)" } ?? "")
        return "\(place): \(Escaped.message(reason))"
    }

    /// Whether the file was read but is not a transcript (empty, or no format
    /// recognised), rather than broken or unreadable: a folder's search
    /// passes over such files in silence, as rg passes over binary files.
    public var isNotATranscript: Bool {
        reason == TranscriptLoader.notRecognised || reason == TranscriptLoader.emptyFile
    }
}

/// A transcript file's bytes as UTF-8, read in chunks so that a large file
/// never has to sit in memory beside the transcript made from it.
///
/// UTF-8 (a BOM is skipped) is handed out as it is; UTF-16 and UTF-32 (with
/// a BOM, or recognised by their NUL bytes) and Windows-1252 (when the loader
/// asks for it) are transcoded to UTF-8 chunk by chunk as they are read, so
/// they too never sit in memory whole in their own encoding.
final class SourceFile {
    static let chunkSize = 1 << 20

    let path: String
    private let fd: Int32
    /// Bytes already read and not yet handed out (UTF-8).
    private var pending = ByteBuffer(capacity: 0)
    /// How the file's bytes are read, and those read but not yet transcoded
    /// (a unit cut by the end of a chunk) when that is not UTF-8 as they are.
    private(set) var encoding = TextEncoding.utf8
    private var untranscoded = ByteBuffer(capacity: 0)
    private var exhausted: Bool
    let byteCount: Int
    /// Where the text starts in the file (after a BOM), when it is read as
    /// it is; `nil` when it is transcoded.
    private(set) var textStartOffset: Int? = 0
    /// The next byte to read, and where to stop.
    private var position = 0
    private var endOffset: Int

    /// Opens `path`, reads its first chunk and settles its encoding.
    convenience init(path: String) throws {
        try self.init(path: path, byteRange: nil)
        try readChunk()
        let (found, markLength) = pending.withUnsafeBufferPointer { TextEncoding.recognise(start: $0) }
        transcode(as: found, skipping: markLength)
    }

    /// Opens `path` in a given encoding (the loader's second reading of a
    /// file that is not UTF-8), skipping a byte order mark if it has one.
    convenience init(path: String, encoding: TextEncoding) throws {
        try self.init(path: path, byteRange: nil)
        try readChunk()
        let (found, markLength) = pending.withUnsafeBufferPointer { TextEncoding.recognise(start: $0) }
        transcode(as: encoding, skipping: found == encoding ? markLength : 0)
    }

    /// Opens a byte range of a UTF-8 file (a preview of its start). The
    /// range should start at the beginning of a line.
    convenience init(path: String, byteRange: Range<Int>) throws {
        try self.init(path: path, byteRange: Optional(byteRange))
        try readChunk()
    }

    /// A byte range of the file `file` has open, for reading parts of one
    /// file in parallel, through a duplicate of its descriptor: the same
    /// file, even if another is renamed over its path meanwhile. The range
    /// should start at the beginning of a line.
    ///
    /// Nothing is read until it is asked for, and the room for a chunk is
    /// taken now: parts are opened before the threads that read them start,
    /// so that no thread maps memory while another is reading (either would
    /// wait for the other's lock).
    convenience init(partOf file: SourceFile, byteRange: Range<Int>) throws {
        let fd = fcntl(file.fd, F_DUPFD_CLOEXEC, 0)
        guard fd >= 0 else { throw LoadError(path: file.path, reason: Self.describe(errno: errno)) }
        try self.init(path: file.path, descriptor: fd, byteRange: byteRange)
        pending.reserve(min(Self.chunkSize, byteRange.count) + (64 << 10))
    }

    private convenience init(path: String, byteRange: Range<Int>?) throws {
        // Non-blocking, so that opening a FIFO with no writer cannot hang
        // before it is refused below.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw LoadError(path: path, reason: Self.describe(errno: errno)) }
        try self.init(path: path, descriptor: fd, byteRange: byteRange)
    }

    /// Takes `fd`, closing it if the file cannot be read.
    private init(path: String, descriptor fd: Int32, byteRange: Range<Int>?) throws {
        self.path = path
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw LoadError(path: path, reason: Self.describe(errno: errno))
        }
        if let refusal = Self.refusal(forFileType: info.st_mode & S_IFMT) {
            close(fd)
            throw LoadError(path: path, reason: refusal)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        self.fd = fd
        self.byteCount = Int(info.st_size)
        self.exhausted = false
        self.endOffset = byteRange?.upperBound ?? Int.max
        if let start = byteRange?.lowerBound {
            position = start
            textStartOffset = nil
        }
    }

    deinit { close(fd) }

    /// Why a file of this type is not read, or nil for a regular file. A
    /// FIFO, a device or a socket can block or never end, so hark reads only
    /// files, whose size is known.
    static func refusal(forFileType type: mode_t) -> String? {
        switch type {
        case S_IFREG: nil
        case S_IFDIR: "is a directory, not a transcript file"
        case S_IFIFO: "is a pipe (FIFO), not a regular file; save the transcript to a file and open that"
        case S_IFCHR, S_IFBLK: "is a device, not a regular file"
        case S_IFSOCK: "is a socket, not a regular file"
        default: "is not a regular file"
        }
    }

    /// Nothing at all to read.
    var isEmpty: Bool { exhausted && pending.isEmpty }

    /// The first bytes of the file (UTF-8), for recognising its format; to
    /// be used before anything is read from the file.
    func withHead<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try pending.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0.prefix(64 * 1024))) }
    }

    /// The file is read as it is, with no byte order mark to say that it is
    /// UTF-8: it may be in a legacy encoding instead.
    var isUnmarkedUTF8: Bool { encoding == .utf8 && textStartOffset == 0 }

    /// How much of `pending` `read(into:)` has handed out.
    private var pendingRead = 0

    /// Fills `buffer` with the text's next bytes (UTF-8, after any BOM), for
    /// a reader that takes the text as a stream (JSON); returns how many, 0
    /// at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if pendingRead >= pending.count {
            pending.truncate(to: 0)
            pendingRead = 0
            // UTF-8 as it is goes straight into the reader's buffer, not through `pending` too.
            if encoding == .utf8 { return try readDirectly(into: buffer) }
            try readChunk()
            if pending.isEmpty { return 0 }
        }
        let n = min(buffer.count, pending.count - pendingRead)
        pending.withUnsafeBufferPointer { bytes in
            buffer.copyMemory(
                from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[pendingRead..<pendingRead + n]))
        }
        pendingRead += n
        return n
    }

    /// `read(into:)` goes on from `offset` of the file (UTF-8 as it is):
    /// the bytes before it were read by another reader.
    func readOn(from offset: Int) {
        precondition(encoding == .utf8, "only a file read as it is can be read on from an offset")
        pending.truncate(to: 0)
        pendingRead = 0
        position = offset
        exhausted = false
    }

    /// The next bytes of the file as they are, read into `buffer`; 0 at the end.
    private func readDirectly(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !exhausted, let base = buffer.baseAddress else { return 0 }
        let got = try readFromPosition(min(buffer.count, endOffset - position), into: base)
        position += got
        if got == 0 || position >= endOffset { exhausted = true }
        return got
    }

    /// Up to `wanted` bytes from `position` into `target`, fewer only at the
    /// file's end (which sets `exhausted`); returns how many.
    private func readFromPosition(_ wanted: Int, into target: UnsafeMutableRawPointer) throws -> Int {
        var got = 0
        while got < wanted {
            let n = pread(fd, target + got, wanted - got, off_t(position + got))
            if n < 0 {
                if errno == EINTR { continue }
                throw LoadError(path: path, reason: Self.describe(errno: errno))
            }
            if n == 0 {
                exhausted = true
                break
            }
            got += n
        }
        return got
    }

    /// The longest line handed out whole; a longer one is cut here (on a
    /// character boundary) and the rest of it skipped, so that a file with
    /// no line ends (a disk image, a file of zeros) is read in bounded memory.
    static let maximumLineBytes = 1 << 20
    /// The lines cut at `maximumLineBytes`, for the reader to warn about.
    private(set) var cutLines: [Int] = []

    /// Hands out the file's lines in order, without their line ends. LF, CRLF
    /// and CR-only line ends are all recognised, mixed too. Line numbers start at 1.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        try forEachLineLookingAhead { line, number, _ in
            try body(line, number)
            return .none
        }
    }

    /// As `forEachLine(_:)`, but `body` is also given the bytes read after
    /// the line (from the start of the next, none when that is not yet
    /// read), and may read whole lines of them itself: it returns how many.
    func forEachLineLookingAhead(_ body: (UnsafeBufferPointer<UInt8>, Int, UnsafeBufferPointer<UInt8>) throws -> LinesTaken)
        throws
    {
        var splitter = LineSplitter()
        var skippingCutLine = false
        while true {
            let final = exhausted
            if skippingCutLine {
                // The rest of a line that was cut: up to and with its line end.
                let (used, found) = pending.withUnsafeBufferPointer { splitter.skipToLineEnd($0, isFinal: final) }
                pending.discardFirst(used)
                skippingCutLine = !found
                if skippingCutLine {
                    if final { return }
                    try readChunk()
                    continue
                }
            }
            let consumed = try pending.withUnsafeBufferPointer { buffer in
                try splitter.split(buffer, isFinal: final, body)
            }
            pending.discardFirst(consumed)
            if final { return }
            if pending.count > Self.maximumLineBytes {
                let number = splitter.takeLineNumber()
                try pending.withUnsafeBufferPointer { buffer in
                    var cut = Self.maximumLineBytes
                    while cut > 0 && buffer[cut] & 0xC0 == 0x80 { cut -= 1 }  // not inside a character
                    _ = try body(
                        UnsafeBufferPointer(rebasing: buffer[0..<cut]), number, UnsafeBufferPointer(start: nil, count: 0))
                }
                cutLines.append(number)
                pending.discardFirst(pending.count)
                skippingCutLine = true
            }
            try readChunk()
        }
    }

    /// Hands out the text (UTF-8) a block at a time, for a reader that
    /// splits lines itself: `body` gets what is read and not yet used, and
    /// whether that is the rest of the file, and returns how much it used,
    /// or nil to stop. What it leaves is handed out again, with more after it.
    func forEachBlock(_ body: (UnsafeBufferPointer<UInt8>, _ isFinal: Bool) throws -> Int?) throws {
        while true {
            let final = exhausted
            guard let used = try pending.withUnsafeBufferPointer({ try body($0, final) }) else { return }
            pending.discardFirst(used)
            if final { return }
            try readChunk()
        }
    }

    private func readChunk() throws {
        guard !exhausted else { return }
        // No more room than the file needs (a little over, to find its end):
        // a small file never pays for a chunk's worth of pages.
        let wanted = min(Self.chunkSize, endOffset - position, max(0, byteCount - position) + 4096)
        let buffer = encoding == .utf8 ? pending : untranscoded
        let got = try readFromPosition(wanted, into: buffer.reserveTail(wanted))
        if got == wanted && position + got >= endOffset { exhausted = true }
        position += got
        buffer.didWrite(got)
        if encoding != .utf8 { transcodeRead() }
    }

    /// From here on the file is read in `encoding`: the bytes read so far,
    /// after a mark of `markLength` bytes, are transcoded, and so is every
    /// chunk after them.
    private func transcode(as encoding: TextEncoding, skipping markLength: Int) {
        if encoding == .utf8 {
            pending.discardFirst(markLength)
            textStartOffset = markLength
            return
        }
        self.encoding = encoding
        textStartOffset = nil
        untranscoded = pending
        untranscoded.discardFirst(markLength)
        pending = ByteBuffer(capacity: Self.chunkSize)
        transcodeRead()
    }

    private func transcodeRead() {
        let used = untranscoded.withUnsafeBufferPointer { encoding.transcode($0, isFinal: exhausted, into: pending) }
        untranscoded.discardFirst(used)
    }

    /// Hands the file's bytes, as they are, to `body` chunk by chunk in
    /// order, for a second look at a file already read. `body` returns how
    /// many bytes it used (the rest come again at the front of the next
    /// chunk), or nil to stop.
    static func forEachRawChunk(path: String, _ body: (UnsafeBufferPointer<UInt8>, _ isFinal: Bool) -> Int?) throws {
        let file = try SourceFile(path: path, byteRange: 0..<Int.max)
        while true {
            let final = file.exhausted
            guard let used = file.pending.withUnsafeBufferPointer({ body($0, final) }) else { return }
            file.pending.discardFirst(used)
            if final { return }
            try file.readChunk()
        }
    }

    /// The line (from 1) of the byte at `offset` in the file as it is.
    static func line(ofOffset offset: Int, path: String) throws -> Int {
        var counter = LineCounter()
        var counted = 0
        try forEachRawChunk(path: path) { chunk, _ in
            let k = min(chunk.count, offset - counted)
            counter.count(UnsafeBufferPointer(rebasing: chunk[0..<k]))
            counted += k
            return counted < offset ? chunk.count : nil
        }
        return counter.line
    }

    /// The first line (from 1) of the file, read in the encoding it is
    /// recognised in, that holds `byte`.
    static func firstLine(containing byte: UInt8, path: String) throws -> Int? {
        var found: Int?
        try SourceFile(path: path).forEachLine { line, number in
            if found == nil, let base = line.baseAddress, memchr(base, Int32(byte), line.count) != nil { found = number }
        }
        return found
    }

    /// Reads up to `buffer.count` bytes at `offset` without moving the
    /// reading position; returns how many were read (0 at the end or on an error).
    func readBytes(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        max(0, pread(fd, buffer.baseAddress, buffer.count, off_t(offset)))
    }

    /// The offset just after the first line end at or after `offset`, for
    /// cutting a file into parts at line boundaries.
    func lineStart(after offset: Int) -> Int? {
        var window = [UInt8](repeating: 0, count: 1 << 16)
        let n = window.withUnsafeMutableBytes { readBytes(into: $0, at: offset) }
        guard n > 0, let k = window[0..<n].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
        // A CR LF pair must not be cut in two.
        if window[k] == 0x0D { return k + 1 < n && window[k + 1] == 0x0A ? offset + k + 2 : nil }
        return offset + k + 1
    }

    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES: "permission denied"
        case EISDIR: "is a directory, not a transcript file"
        default: String(cString: strerror(code))
        }
    }
}

/// Lines a reader read itself, after the one it was handed (see
/// `SourceFile.forEachLineLookingAhead(_:)`): their bytes, with their line ends.
struct LinesTaken {
    var bytes: Int
    var lines: Int

    static let none = LinesTaken(bytes: 0, lines: 0)
}

/// Splits bytes into lines across chunk boundaries.
struct LineSplitter {
    private(set) var lineNumber = 0
    /// The previous chunk ended in CR: a LF at the start of this one belongs to it.
    private var skipLeadingLF = false

    /// Counts a line handed out by someone else (a line cut for length).
    mutating func takeLineNumber() -> Int {
        lineNumber += 1
        return lineNumber
    }

    /// Skips to the next line end and past it, without counting a line:
    /// returns the bytes used and whether the line end was found.
    mutating func skipToLineEnd(_ buffer: UnsafeBufferPointer<UInt8>, isFinal: Bool) -> (used: Int, found: Bool) {
        guard let base = buffer.baseAddress else { return (0, false) }
        let lf = memchr(base, 0x0A, buffer.count).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base }
        let cr = memchr(base, 0x0D, lf ?? buffer.count).map {
            UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base
        }
        guard let end = cr ?? lf else { return (buffer.count, false) }
        if buffer[end] == 0x0D {
            if end + 1 < buffer.count {
                return (buffer[end + 1] == 0x0A ? end + 2 : end + 1, true)
            }
            if !isFinal { skipLeadingLF = true }
        }
        return (end + 1, true)
    }

    /// Calls `body` for each complete line; returns how many bytes were used.
    /// With `isFinal`, the unterminated last line is a line too.
    mutating func split(
        _ buffer: UnsafeBufferPointer<UInt8>, isFinal: Bool, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
    ) rethrows -> Int {
        try split(buffer, isFinal: isFinal) { line, number, _ in
            try body(line, number)
            return .none
        }
    }

    /// As `split(_:isFinal:_:)`; `body` may read lines after the one it is given (see
    /// `SourceFile.forEachLineLookingAhead(_:)`): they are skipped.
    mutating func split(
        _ buffer: UnsafeBufferPointer<UInt8>, isFinal: Bool,
        _ body: (UnsafeBufferPointer<UInt8>, Int, UnsafeBufferPointer<UInt8>) throws -> LinesTaken
    ) rethrows -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let n = buffer.count
        var i = 0
        if skipLeadingLF && n > 0 {
            if buffer[0] == 0x0A { i = 1 }
            skipLeadingLF = false
        }
        // The next LF and the next CR at or after `i`, each kept between
        // lines until passed: a file with CR-only line ends is not rescanned
        // to its end for every line, and one with none is searched for CR once.
        var nextLF: Int? = nil
        var searchedLF = false
        var nextCR: Int? = nil
        var searchedCR = false
        func find(_ byte: Int32, from start: Int, to end: Int) -> Int? {
            memchr(base + start, byte, end - start).map {
                UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base
            }
        }
        while i < n {
            if !searchedLF || (nextLF.map { $0 < i } ?? false) {
                nextLF = find(0x0A, from: i, to: n)
                searchedLF = true
            }
            if !searchedCR || (nextCR.map { $0 < i } ?? false) {
                nextCR = find(0x0D, from: i, to: n)
                searchedCR = true
            }
            let lf = nextLF
            let cr = nextCR.flatMap { $0 < (lf ?? n) ? $0 : nil }
            let lineEnd: Int
            let next: Int
            if let cr {
                lineEnd = cr
                if cr + 1 < n {
                    next = buffer[cr + 1] == 0x0A ? cr + 2 : cr + 1
                } else if isFinal {
                    next = cr + 1
                } else {
                    next = cr + 1
                    skipLeadingLF = true
                }
            } else if let lf {
                lineEnd = lf
                next = lf + 1
            } else {
                guard isFinal else { return i }
                lineEnd = n
                next = n
            }
            lineNumber += 1
            let taken = try body(
                UnsafeBufferPointer(rebasing: buffer[i..<lineEnd]), lineNumber, UnsafeBufferPointer(rebasing: buffer[next..<n]))
            i = next + taken.bytes
            lineNumber += taken.lines
        }
        return i
    }
}
