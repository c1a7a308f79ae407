import FoundationEssentials
import Glibc

/// The notes file on disk: read whole, written whole and atomically, under
/// a lock on its folder.
///
/// Writing: a temporary file in the same folder, written, flushed to disk,
/// renamed over the notes file, and the folder flushed, so that a kill at
/// any moment leaves the old file or the new one, never a torn one. Under
/// the lock the temporary file has one fixed hidden name
/// (`.NAME.hark.toml.saving`), so a killed save leaves at most that one
/// file, which the next save reuses.
///
/// The lock is `flock` on the folder itself: it needs no lock file to
/// leave behind, covers a notes file that does not exist yet (a lock on the
/// file would be lost when the rename replaces it), and serialises every
/// hark saving notes in that folder, threads of one process included (each
/// save opens the folder anew). Where the folder cannot be locked (some
/// network file systems), saving goes on unlocked, with a temporary file
/// of its own.
struct NotesStorage {
    /// A notes file larger than this is no notes file hark wrote.
    static let largestFile = 64 << 20
    /// How long a save waits for another process's save before giving up.
    static let lockTimeoutSeconds = 10.0

    /// The file written: the path given, or where it links to.
    let path: String
    /// How messages name the file: as the user gave it.
    let shownPath: String
    let folder: String

    init(path: String) {
        shownPath = path
        self.path = Self.resolvingLink(path)
        folder = Self.folder(of: self.path)
    }

    /// The file's bytes; nil when there is no file (nor a folder for it).
    func read() throws(NotesFileError) -> [UInt8]? {
        // Without blocking: a FIFO with no writer would wait for ever.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw error("cannot be read: \(Self.reason(errno))")
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw error("cannot be read: \(Self.reason(errno))") }
        guard status.st_mode & S_IFMT == S_IFREG else { throw error("is not a regular file") }
        guard status.st_size <= Self.largestFile else { throw error("is over \(Self.largestFile >> 20) MB: not a notes file") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw error("cannot be read: \(Self.reason(errno))") }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
            guard bytes.count <= Self.largestFile else { throw error("is over \(Self.largestFile >> 20) MB: not a notes file") }
        }
    }

    /// Runs `body` holding the folder's lock (or unlocked where locking is
    /// impossible); `body` gets a writer that flushes through the folder.
    func locked<R>(_ body: (Writer) throws(NotesFileError) -> R) throws(NotesFileError) -> R {
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD < 0 && (errno == ENOENT || errno == ENOTDIR) { throw cannotSave(errno) }
        defer { if folderFD >= 0 { close(folderFD) } }
        var isLocked = false
        if folderFD >= 0 { isLocked = try lock(folderFD) }
        return try body(Writer(storage: self, folderFD: folderFD, isLocked: isLocked))
    }

    /// Waits for the lock; false when the folder cannot be locked at all.
    private func lock(_ fd: Int32) throws(NotesFileError) -> Bool {
        let deadline = Date().addingTimeInterval(Self.lockTimeoutSeconds)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { return false }
            guard Date() < deadline else {
                throw error("another process has held the lock on \(folder) for \(Int(Self.lockTimeoutSeconds)) s; not saved")
            }
            usleep(5_000)
        }
        return true
    }

    struct Writer {
        let storage: NotesStorage
        let folderFD: Int32
        let isLocked: Bool

        /// Replaces the file with `bytes`: whole, or not at all.
        func write(_ bytes: [UInt8]) throws(NotesFileError) {
            let name = storage.path.split(separator: "/").last.map(String.init) ?? storage.path
            // Unlocked, two saves could share a fixed name: each takes its own.
            let unique = isLocked ? "" : ".\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
            let temporary = (storage.folder == "." ? "" : storage.folder + "/") + ".\(name)\(unique).saving"
            var existing = stat()
            let mode = stat(storage.path, &existing) == 0 ? mode_t(existing.st_mode & 0o7777) : 0o666
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode)
            guard fd >= 0 else { throw storage.cannotSave(errno) }
            var written = 0
            var failure: Int32 = 0
            if mode != 0o666 { _ = fchmod(fd, mode) }
            // A test kills saves at random moments: slowed down, most kills land inside one.
            let slowly = getenv("HARK_TEST_SLOW_SAVE") != nil
            bytes.withUnsafeBytes { buffer in
                while written < buffer.count {
                    if slowly { usleep(1000) }
                    let piece = slowly ? min(64, buffer.count - written) : buffer.count - written
                    let count = Glibc.write(fd, buffer.baseAddress! + written, piece)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else {
                        failure = errno
                        return
                    }
                    written += count
                }
            }
            if failure == 0 && fsync(fd) != 0 { failure = errno }
            if slowly { usleep(5000) }
            if close(fd) != 0 && failure == 0 { failure = errno }
            if failure == 0 && rename(temporary, storage.path) != 0 { failure = errno }
            guard failure == 0 else {
                unlink(temporary)
                throw storage.cannotSave(failure)
            }
            // The rename itself is on disk once the folder is.
            if folderFD >= 0 { _ = fsync(folderFD) }
        }
    }

    // MARK: Paths and messages

    func error(_ problem: String) -> NotesFileError { NotesFileError(path: shownPath, line: nil, problem: problem) }

    func cannotSave(_ code: Int32) -> NotesFileError { error("cannot save notes in \(folder): \(Self.reason(code))") }

    /// `permission denied`: the system's message, as a clause.
    static func reason(_ code: Int32) -> String {
        let message = String(cString: strerror(code))
        return message.prefix(1).lowercased() + message.dropFirst()
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// A notes file that is a link (kept with dotfiles, say) is written where it points, and stays a link.
    static func resolvingLink(_ path: String) -> String {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }
}
