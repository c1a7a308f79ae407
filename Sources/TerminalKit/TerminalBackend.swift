import FoundationEssentials
import Glibc

/// What the reader needs from a terminal. The ncurses backend is the real
/// one; `FakeTerminal` runs the same loop in tests.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    /// The colours that may be used (what the terminal has, none with NO_COLOR).
    var colorSupport: ColorSupport { get }
    /// Shows `grid`, with the terminal's cursor at `cursor` (hidden if nil);
    /// only what changed since the last frame needs drawing (`ScreenDiff`).
    func draw(_ grid: CellGrid, cursor: (column: Int, row: Int)?)
    /// The next event from the terminal. Returns nil after
    /// `timeoutMilliseconds` without one, or as soon as `wakeDescriptor`
    /// becomes readable (work done off the loop has something to deliver).
    func nextEvent(timeoutMilliseconds: Int, wakeDescriptor: Int32?) -> TerminalEvent?
    /// Gives the terminal back to the shell (Ctrl-Z), then takes it again.
    func suspend()
    /// Whether the reader gets the mouse (wheel, clicks) or the terminal
    /// keeps it for selecting text.
    func setMouseCapture(_ captured: Bool)
    /// Puts text on the clipboard of the terminal the user sits at, with
    /// OSC 52 (which reaches it over SSH and through tmux). A terminal that
    /// does not support it ignores it: not an error.
    func copyToClipboard(_ text: String)
}

/// The OSC 52 sequence that asks a terminal to put `text` on its clipboard.
public func clipboardSequence(_ text: String) -> String {
    "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
}

/// Waits until one of `descriptors` is readable or `milliseconds` pass (-1:
/// no limit), and returns those that are. A signal ends the wait early.
public func waitForReadable(_ descriptors: [Int32], milliseconds: Int) -> [Int32] {
    var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    let result = poll(&fds, nfds_t(fds.count), Int32(clamping: milliseconds))
    guard result > 0 else { return [] }
    return fds.filter { $0.revents != 0 }.map(\.fd)
}

/// A terminal in memory: the test queues what the user does, frames are kept.
public final class FakeTerminal: TerminalBackend {
    /// What the test's user does next.
    public enum Step {
        case event(TerminalEvent)
        /// Nothing, until the last frame shows `text` (work off the loop,
        /// such as finding topics, has come in and been drawn).
        case waitForScreen(String)
        /// Runs `action` when the loop asks for its next event here.
        case run(() -> Void)
    }

    public private(set) var size: Size
    public let colorSupport: ColorSupport
    public private(set) var frames: [CellGrid] = []
    public private(set) var suspensions = 0
    public private(set) var mouseCaptured = true
    /// Whether a wait for the screen ran out of patience (a test to fail).
    public private(set) var gaveUp = false
    private var steps: [Step]
    /// How long the fake waits for a screen before the test is given up (the loop is sent Ctrl-C).
    public var patience: TimeInterval = 20
    private var waitingSince: Date?

    public init(size: Size, colorSupport: ColorSupport = .extended, events: [TerminalEvent] = []) {
        self.size = size
        self.colorSupport = colorSupport
        steps = events.map(Step.event)
    }

    public convenience init(size: Size, colorSupport: ColorSupport = .extended, steps: [Step]) {
        self.init(size: size, colorSupport: colorSupport)
        self.steps = steps
    }

    public var lastFrame: CellGrid? { frames.last }

    public func draw(_ grid: CellGrid, cursor: (column: Int, row: Int)?) { frames.append(grid) }

    public func nextEvent(timeoutMilliseconds: Int, wakeDescriptor: Int32?) -> TerminalEvent? {
        while let step = steps.first {
            switch step {
            case .event(let event):
                steps.removeFirst()
                waitingSince = nil
                if case .resize(let newSize) = event { size = newSize }
                return event
            case .run(let action):
                steps.removeFirst()
                action()
            case .waitForScreen(let text):
                if lastFrame?.text.contains(text) == true {
                    steps.removeFirst()
                    waitingSince = nil
                    continue
                }
                return idle(timeoutMilliseconds, wakeDescriptor)
            }
        }
        return idle(timeoutMilliseconds, wakeDescriptor)
    }

    /// Nothing from the user: wait as a terminal would, for the wake-up or
    /// the timeout; a test that waits too long is ended with Ctrl-C.
    private func idle(_ timeoutMilliseconds: Int, _ wakeDescriptor: Int32?) -> TerminalEvent? {
        let since = waitingSince ?? Date()
        waitingSince = since
        if Date().timeIntervalSince(since) > patience {
            gaveUp = true
            return .key(.control("c"))
        }
        let wait = timeoutMilliseconds < 0 ? 50 : min(timeoutMilliseconds, 50)
        if let wakeDescriptor { _ = waitForReadable([wakeDescriptor], milliseconds: wait) } else { usleep(UInt32(wait) * 1000) }
        return nil
    }

    public func suspend() { suspensions += 1 }

    public func setMouseCapture(_ captured: Bool) { mouseCaptured = captured }

    /// What was copied, in order.
    public private(set) var clipboard: [String] = []
    public func copyToClipboard(_ text: String) { clipboard.append(text) }
}

/// A pipe for waking a loop that waits in `poll`: both ends close on exec
/// (no child process inherits them) and never block. Nil if none can be made.
public func makeWakePipe() -> (read: Int32, write: Int32)? {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { return nil }
    for end in ends {
        _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
    }
    return (ends[0], ends[1])
}
