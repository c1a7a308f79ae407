import CTerminalSupport
import Dispatch
import FoundationEssentials
import Glibc
import HarkAudio
import HarkCore

/// An `AudioPlayer` that drives mpv over its JSON IPC socket. mpv runs
/// with no window, no terminal and no configuration of the user's, paused
/// on the file, on a socket in a private folder that is removed as soon as
/// hark is connected (ARCHITECTURE.md, "The reader's event flow").
///
/// While it plays, the player asks mpv for `time-pos` every
/// `pollMilliseconds` and reports each new value: mpv's own notifications
/// of it came about 100 ms apart here, too sparse to keep the highlighted
/// segment within 100 ms of what is heard (DECISIONS.md, 2026-12-07).
public final class MPVPlayer: AudioPlayer, @unchecked Sendable {
    public struct Configuration: Sendable {
        public var executable = "mpv"
        /// Where to look for `executable` (the PATH).
        public var searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        /// More mpv options: `--ao=null` in tests, an audio device for a user.
        public var extraOptions: [String] = []
        /// The kernel kills mpv if hark dies, even of SIGKILL. The kernel ties
        /// this to the thread that starts mpv: set it only when that thread
        /// lives as long as the process (the reader's main thread does).
        public var diesWithParent = false
        public var temporaryFolder = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        /// How often to ask for the position while playing; nil leaves it to
        /// mpv's notifications (the benchmark's baseline: too sparse).
        public var pollMilliseconds: Int32? = 20

        public init() {}

        /// The reader's: `HARK_MPV_OPTIONS` adds options (split at spaces).
        public static func reader(environment: [String: String] = ProcessInfo.processInfo.environment) -> Configuration {
            var configuration = Configuration()
            configuration.extraOptions = (environment["HARK_MPV_OPTIONS"] ?? "").split(separator: " ").map(String.init)
            configuration.diesWithParent = true
            return configuration
        }
    }

    public static let installHint = "mpv is not installed: install it to listen (apt install mpv, brew install mpv)"

    private let path: String
    private let configuration: Configuration
    private let events: @Sendable (PlayerEvent) -> Void
    private let lock = Lock()
    private var process: MPVProcess?
    private var socket: MPVSocket?
    private var folder: String?
    /// Commands given before mpv had the file open, sent once it has.
    private var waiting: [PlayerCommand] = []
    private var loaded = false
    private var playing = false
    private var closing = false
    private var failed = false
    private var nextRequest = 100
    /// A seek was sent and mpv has not said it is done (`playback-restart`):
    /// positions meanwhile are from before it, and would pull the view back.
    private var seekSent: DispatchTime?
    private var lastPosition: Int64?
    private let finished = DispatchSemaphore(value: 0)
    private var threadStarted = false

    private enum Request {
        static let observePause = 1
        static let observeEnd = 2
        static let position = 3
        static let observePosition = 4
        static let probe = 5
    }

    /// `currentPosition()`'s answer, and the wait for it.
    private var probeAnswer: Int64?
    private let probeAnswered = DispatchSemaphore(value: 0)

    /// Starts mpv on `path` at once, on the calling thread (see
    /// `diesWithParent`); what follows is reported to `events`.
    public init(path: String, configuration: Configuration = Configuration(), events: @escaping @Sendable (PlayerEvent) -> Void) {
        self.path = path
        self.configuration = configuration
        self.events = events
        start()
    }

    deinit { close() }

    /// mpv's process id, once started (for tests that end it by force).
    var processID: pid_t? { process?.pid }
    /// The private folder of mpv's socket.
    var socketFolder: String? { folder }

    public func perform(_ command: PlayerCommand) {
        lock.withLock {
            guard !closing, !failed else { return }
            if loaded { send(command) } else { waiting.append(command) }
        }
    }

    public func close() {
        let (process, socket, started) = lock.withLock { () -> (MPVProcess?, MPVSocket?, Bool) in
            if closing { return (nil, nil, false) }
            closing = true
            return (self.process, self.socket, threadStarted)
        }
        process?.terminate()
        socket?.shutDown()
        if started { finished.wait() }
        lock.withLock {
            self.socket?.close()
            self.socket = nil
        }
        removeFiles()
    }

    // MARK: Starting

    private func start() {
        guard let executable = findExecutable(configuration.executable, searchPath: configuration.searchPath) else {
            fail(Self.installHint)
            return
        }
        guard let folder = makePrivateFolder() else {
            fail("no private folder for mpv's socket in \(configuration.temporaryFolder): \(String(cString: strerror(errno)))")
            return
        }
        self.folder = folder
        let socketPath = folder + "/mpv.sock"
        let arguments =
            [
                "mpv", "--no-config", "--idle=yes", "--keep-open=yes", "--pause", "--no-video", "--no-terminal",
                "--input-ipc-server=" + socketPath,
            ] + configuration.extraOptions + ["--", path]
        do {
            process = try MPVProcess(
                executable: executable, arguments: arguments, diesWithParent: configuration.diesWithParent,
                socket: socketPath, folder: folder)
        } catch {
            removeFiles()
            fail(error.reason)
            return
        }
        threadStarted = true
        // A queue of its own has a thread of its own: the reads block.
        DispatchQueue(label: "hark.mpv").async { [self] in
            run(socketPath: socketPath)
            finished.signal()
        }
    }

    /// A folder only this user can enter, for the socket.
    private func makePrivateFolder() -> String? {
        var base = configuration.temporaryFolder
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        // A Unix socket's path has room for 107 bytes.
        if base.utf8.count > 60 { base = "/tmp" }
        var template = Array((base + "/hark-mpv-XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else { return nil }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func removeFiles() {
        guard let folder else { return }
        unlink(folder + "/mpv.sock")
        rmdir(folder)
        process?.filesRemoved()
    }

    // MARK: The player's thread

    private func run(socketPath: String) {
        guard let socket = connect(to: socketPath) else { return }
        removeFiles()
        lock.withLock {
            self.socket = socket
            socket.send(["observe_property", .int(Request.observePause), "pause"], requestID: Request.observePause)
            socket.send(["observe_property", .int(Request.observeEnd), "eof-reached"], requestID: Request.observeEnd)
            if configuration.pollMilliseconds == nil {
                socket.send(["observe_property", .int(Request.observePosition), "time-pos"], requestID: Request.observePosition)
            }
        }
        var splitter = LineSplitter()
        while true {
            let interval = lock.withLock { playing ? configuration.pollMilliseconds ?? -1 : -1 }
            switch socket.wait(milliseconds: interval) {
            case .timedOut:
                lock.withLock { askPosition() }
            case .closed:
                ended()
                return
            case .readable:
                let bytes = socket.read()
                if bytes.isEmpty {
                    ended()
                    return
                }
                for line in splitter.lines(in: bytes) { handle(line) }
            }
        }
    }

    /// Waits for mpv to make its socket (a few hundred milliseconds), up to ten seconds.
    private func connect(to socketPath: String) -> MPVSocket? {
        for _ in 0..<1000 {
            if lock.withLock({ closing }) { return nil }
            if let socket = MPVSocket.connect(to: socketPath) { return socket }
            if let status = process?.exitStatus() {
                fail("mpv \(status) before it could play \(name)")
                return nil
            }
            usleep(10_000)
        }
        fail("mpv did not answer within ten seconds")
        return nil
    }

    private func handle(_ line: [UInt8]) {
        guard let message = MPVMessage.parse(line) else { return }
        if let event = message.event {
            handleEvent(event, message)
        } else if message.requestID == Request.position, let seconds = message.number {
            reportPosition(seconds)
        } else if message.requestID == Request.probe {
            lock.withLock { probeAnswer = message.number.map { Int64(($0 * 1000).rounded()) } }
            probeAnswered.signal()
        }
    }

    private func handleEvent(_ event: String, _ message: MPVMessage) {
        switch event {
        case "file-loaded":
            lock.withLock {
                loaded = true
                for command in waiting { send(command) }
                waiting = []
            }
            report(.ready)
        case "end-file":
            guard message.reason == "error" else { return }
            let why = message.fileError.map { ": \($0)" } ?? ""
            fail("mpv cannot play \(name)\(why)")
            process?.terminate()
        case "playback-restart":
            lock.withLock {
                seekSent = nil
                askPosition()  // after a seek: where it is now
            }
        case "property-change":
            switch message.name {
            case "pause":
                guard let paused = message.bool else { return }
                lock.withLock {
                    playing = !paused
                    askPosition()
                }
                report(.paused(paused))
            case "eof-reached":
                if message.bool == true { report(.ended) }
            case "time-pos":
                if let seconds = message.number { reportPosition(seconds) }
            default:
                break
            }
        default:
            break
        }
    }

    /// mpv closed the socket: it ended, which is a failure unless hark ended it.
    private func ended() {
        guard !lock.withLock({ closing }) else { return }
        let status = process?.waitForExit(milliseconds: 500) ?? "stopped"
        fail("mpv stopped (\(status)): p starts it again")
    }

    /// mpv's own position now, asked and answered at once (the benchmark
    /// compares the reader's highlight with it); nil when mpv has none.
    public func currentPosition() -> Int64? {
        let asked = lock.withLock { () -> Bool in
            guard let socket, !closing else { return false }
            probeAnswer = nil
            return socket.send(["get_property", "time-pos"], requestID: Request.probe)
        }
        guard asked, probeAnswered.wait(timeout: .now() + 1) == .success else { return nil }
        return lock.withLock { probeAnswer }
    }

    // MARK: Talking to mpv (under the lock)

    private func send(_ command: PlayerCommand) {
        guard let socket else { return }
        switch command {
        case .play(let from):
            if let from { seek(to: from, socket) }
            socket.send(["set_property", "pause", false], requestID: request())
        case .pause:
            socket.send(["set_property", "pause", true], requestID: request())
        case .seek(let to):
            seek(to: to, socket)
        case .speed(let speed):
            socket.send(["set_property", "speed", .double(speed)], requestID: request())
        }
    }

    private func seek(to milliseconds: Int64, _ socket: MPVSocket) {
        seekSent = .now()
        socket.send(["seek", .double(Double(milliseconds) / 1000), "absolute"], requestID: request())
    }

    /// Between a seek and mpv's word that it is done; a second at most, in
    /// case that word never comes (a seek past the end).
    private var seeking: Bool {
        guard let seekSent else { return false }
        return DispatchTime.now().uptimeNanoseconds - seekSent.uptimeNanoseconds < 1_000_000_000
    }

    private func askPosition() {
        socket?.send(["get_property", "time-pos"], requestID: Request.position)
    }

    private func request() -> Int {
        nextRequest += 1
        return nextRequest
    }

    // MARK: Reporting

    private var name: String { String(path.split(separator: "/").last ?? Substring(path)) }

    /// A position, unless it is from before a seek still under way, or the
    /// same as the last one (mpv's clock moves in steps: asking more often
    /// than it steps costs the reader nothing).
    private func reportPosition(_ seconds: Double) {
        let milliseconds = Int64((seconds * 1000).rounded())
        let fresh = lock.withLock { () -> Bool in
            guard !seeking, milliseconds != lastPosition else { return false }
            lastPosition = milliseconds
            return true
        }
        if fresh { report(.position(milliseconds)) }
    }

    private func report(_ event: PlayerEvent) {
        guard !lock.withLock({ closing || failed }) else { return }
        events(event)
    }

    /// Says why once; the player does nothing more.
    private func fail(_ reason: String) {
        let first = lock.withLock { () -> Bool in
            guard !failed, !closing else { return false }
            failed = true
            return true
        }
        if first { events(.failed(reason)) }
    }
}
