import CTerminalSupport
import FoundationEssentials
import Glibc
import HarkCore

/// The mpv process: started detached from the terminal (see
/// `hark_spawn_child`), registered so that a crash of hark kills it, and
/// ended with SIGTERM, then SIGKILL if it does not go within a second.
final class MPVProcess: @unchecked Sendable {
    let pid: pid_t
    private let lock = Lock()
    private var exitDescription: String?

    struct StartFailure: Error {
        var reason: String
    }

    /// Starts `executable` (a path) with `arguments` (the first being its
    /// name). `socket` and `folder` are removed by the crash handler until
    /// `filesRemoved()` is called.
    init(executable: String, arguments: [String], diesWithParent: Bool, socket: String, folder: String) throws(StartFailure) {
        var argv = arguments.map { strdup($0) }
        argv.append(nil)
        var envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") }
        envp.append(nil)
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        let pid = hark_spawn_child(executable, argv, envp, diesWithParent ? 1 : 0)
        guard pid > 0 else { throw StartFailure(reason: "mpv could not be started: \(String(cString: strerror(errno)))") }
        self.pid = pid
        if hark_register_child(pid, socket, folder) == 0 {
            // More players than the table holds cannot happen (one at a time); a crash would leave this one.
            StandardError.writeLine("hark: too many players to watch")
        }
    }

    /// The socket and folder are removed: a crash has nothing to remove.
    func filesRemoved() { hark_forget_child_files(pid) }

    /// How the process ended (`exited with status 1`, `killed by signal 9`),
    /// or nil while it runs. Reaps it once it has ended.
    func exitStatus() -> String? {
        lock.withLock {
            if let exitDescription { return exitDescription }
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            guard reaped == pid || (reaped < 0 && errno == ECHILD) else { return nil }
            exitDescription = reaped < 0 ? "ended" : Self.describe(status)
            hark_forget_child(pid)
            return exitDescription
        }
    }

    /// Waits up to `milliseconds` for the process to end by itself.
    func waitForExit(milliseconds: Int) -> String? {
        for _ in 0..<max(1, milliseconds / 5) {
            if let status = exitStatus() { return status }
            usleep(5_000)
        }
        return exitStatus()
    }

    /// Ends the process and reaps it: SIGTERM, a second's grace, SIGKILL.
    func terminate() {
        guard exitStatus() == nil else { return }
        kill(pid, SIGTERM)
        if waitForExit(milliseconds: 1000) != nil { return }
        kill(pid, SIGKILL)
        _ = waitForExit(milliseconds: 1000)
    }

    private static func describe(_ status: Int32) -> String {
        let signal = status & 0x7f
        if signal == 0 { return "exited with status \((status >> 8) & 0xff)" }
        return "killed by signal \(signal)"
    }
}

/// `name` as the shell would find it on `searchPath` (a PATH), or nil.
func findExecutable(_ name: String, searchPath: String) -> String? {
    if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
    for folder in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
        let candidate = (folder.isEmpty ? "." : String(folder)) + "/" + name
        var info = stat()
        if access(candidate, X_OK) == 0, stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { return candidate }
    }
    return nil
}
