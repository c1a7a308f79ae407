import Foundation
import HarkTestSupport

/// The real `hark` in a real terminal: a tmux session of its own (own
/// server socket), driven with send-keys and read with capture-pane.
final class Tmux {
    let socket: String
    let session = "hark"
    /// The tmux server's process, killed outright if `kill-server` does not end it.
    private var serverPID: pid_t = 0

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `swift test` builds `hark` beside the test bundle.
    static var binary: String {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("hark").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        return "hark-binary-not-found"
    }

    /// Starts `command` (a shell command line) in a `width`×`height` terminal.
    /// After it ends, the shell prints `EXIT=<status>` and the terminal modes,
    /// and stays, so the test can look at what was left behind.
    init(_ command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        socket = "hark-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        let exports = environment.map { "export \($0.key)='\($0.value)'; " }.joined()
        let script =
            "cd '\(TestSupport.repositoryRoot.path)'; \(exports)\(command); echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo; sleep 600"
        try run(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", "sh", "-c", script])
        serverPID = pid_t(try run(["display-message", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    deinit {
        _ = try? run(["kill-server"])
        // Servers were seen to outlive kill-server during full test runs (and
        // tmux ignores SIGTERM): make sure this one is gone.
        if serverPID > 0, kill(serverPID, 0) == 0 {
            usleep(50_000)
            if kill(serverPID, 0) == 0 { kill(serverPID, SIGKILL) }
        }
        // tmux leaves its socket file behind.
        unlink("/tmp/tmux-\(getuid())/\(socket)")
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        // The command that starts the server must not hand it our pipe: the
        // server would keep it open and reading it would never end.
        let startsServer = arguments.first == "new-session"
        let result = try Self.spawn(["tmux", "-L", socket, "-f", "/dev/null"] + arguments, captureOutput: !startsServer)
        guard result.status == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")): \(result.output)")
        }
        return result.output
    }

    /// Runs a program found on PATH and waits for it, with posix_spawn:
    /// Foundation's Process deadlocked here when tests ran side by side.
    static func spawn(_ arguments: [String], captureOutput: Bool) throws -> (status: Int32, output: String) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Failure(description: "pipe failed") }
        // Close-on-exec, so that no other child started meanwhile keeps it open.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if captureOutput {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw Failure(description: "could not run \(arguments[0]): error \(spawned)")
        }
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n <= 0 { break }
            output.append(contentsOf: buffer[0..<n])
        }
        close(fds[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitStatus, String(decoding: output, as: UTF8.self))
    }

    func screen() throws -> String { try run(["capture-pane", "-p", "-t", session]) }

    func send(_ keys: String...) throws { try run(["send-keys", "-t", session] + keys) }

    /// Sends text literally, not as key names.
    func type(_ text: String) throws { try run(["send-keys", "-t", session, "-l", text]) }

    /// Answers the `:` prompt: `:`, the text, Enter.
    func jump(to text: String) throws {
        try send(":")
        try type(text)
        try send("Enter")
    }

    /// Sends raw bytes, e.g. an X10 mouse report.
    func sendBytes(_ bytes: [UInt8]) throws {
        try run(["send-keys", "-t", session, "-H"] + bytes.map { String(format: "%02x", $0) })
    }

    func format(_ expression: String) throws -> String {
        try run(["display-message", "-p", "-t", session, expression]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until the screen satisfies `condition`, polling; never sleeps blindly.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Double = 15, _ condition: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out waiting for \(what); the screen was:\n\(last)")
    }

    @discardableResult
    func waitFor(text: String, timeout: Double = 15) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// The process the shell started (hark itself), once it runs.
    func harkPID() throws -> Int32 {
        let shell = try format("#{pane_pid}")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let found = try Self.spawn(["pgrep", "-P", shell, "-x", "hark"], captureOutput: true)
            if let pid = Int32(found.output.split(separator: "\n").first ?? "") { return pid }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "hark did not start")
    }

    /// After hark ended: its exit status, and whether the terminal is back
    /// to normal (main screen, cursor shown, line editing and echo on).
    func ending() throws -> (status: Int, restored: Bool, screen: String) {
        let screen = try waitFor("hark to end") { $0.contains("EXIT=") }
        let statusText = screen.components(separatedBy: "EXIT=").last?.prefix { $0.isNumber } ?? ""
        let modes = try waitFor("the terminal modes") { $0.contains("icanon") }
        let alternate = try format("#{alternate_on}")
        let cursorShown = try format("#{cursor_flag}")
        let cooked = modes.contains(" icanon") || modes.contains("\nicanon")
        let restored = alternate == "0" && cursorShown == "1" && cooked && !modes.contains("-icanon") && !modes.contains("-echo")
        return (Int(statusText) ?? -1, restored, modes)
    }
}
