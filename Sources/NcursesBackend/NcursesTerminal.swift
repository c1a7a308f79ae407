import CNcurses
import CTerminalSupport
import FoundationEssentials
import Glibc
import TerminalKit

/// The real terminal, through ncurses. Knows cells, styles and keys; nothing
/// about transcripts.
public final class NcursesTerminal: TerminalBackend {
    public enum StartError: Error, CustomStringConvertible {
        case notATerminal(String)
        case unusableTerminal(String)

        public var description: String {
            switch self {
            case .notATerminal(let what), .unusableTerminal(let what): what
            }
        }
    }

    public private(set) var size: Size
    public let colorSupport: ColorSupport
    private let screen: OpaquePointer
    private var previous: CellGrid?
    private var pairs: ColorPairs
    private var stopped = false
    /// A pipe a termination signal writes to, so that a wait wakes at once.
    private var signalPipe: [Int32] = [-1, -1]

    /// Takes the terminal over. Checks first, and leaves the terminal
    /// untouched when it cannot be used.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard isatty(STDIN_FILENO) == 1 else {
            throw StartError.notATerminal(
                "the reader needs a terminal on stdin (to read a transcript from a pipe, give its file name)")
        }
        guard isatty(STDOUT_FILENO) == 1 else { throw StartError.notATerminal("the reader needs a terminal on stdout") }
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty, term != "dumb" else {
            throw StartError.unusableTerminal(
                "TERM is \(term.isEmpty ? "not set" : "\"dumb\""): the reader needs a terminal that can move its cursor")
        }
        Self.prepareLocale()
        hark_save_terminal_modes()
        // newterm, unlike initscr, returns nil for an unknown terminal instead of exiting.
        guard let screen = newterm(nil, hark_stdout(), hark_stdin()) else {
            throw StartError.unusableTerminal("unknown terminal type \"\(term)\" (TERM); try TERM=xterm-256color")
        }
        guard hark_capability("cup") != nil else {
            endwin()
            delscreen(screen)
            throw StartError.unusableTerminal("terminal \"\(term)\" cannot move its cursor")
        }
        self.screen = screen
        let wantsColor = (environment["NO_COLOR"] ?? "").isEmpty
        if wantsColor && has_colors() {
            start_color()
            use_default_colors()
            let count = hark_colors()
            colorSupport = count >= 256 ? .extended : count >= 8 ? .basic : .none
        } else {
            colorSupport = .none
        }
        // COLOR_PAIR() keeps a pair number in eight bits of the attributes.
        pairs = ColorPairs(limit: min(Int(hark_color_pairs()), 256))
        raw()
        noecho()
        nonl()
        keypad(hark_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        mousemask(Self.mouseEvents, nil)
        mouseinterval(0)
        size = Size(width: Int(hark_cols()), height: Int(hark_lines()))
        // What a crash must write to give the terminal back.
        let capabilities: [String] = ["rmcup", "cnorm", "sgr0", "rmkx"]
        let restore =
            capabilities.compactMap { name in hark_capability(name).map { String(cString: $0) } }.joined()
            + "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\r\n"
        hark_install_terminal_guards(restore)
        if let pipe = makeWakePipe() {
            signalPipe = [pipe.read, pipe.write]
            hark_set_signal_wake_descriptor(pipe.write)
        }
        hark_chain_resize_signal()
    }

    /// Gives the terminal back. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        mousemask(0, nil)
        endwin()
        delscreen(screen)
        hark_remove_terminal_guards()
        hark_set_signal_wake_descriptor(-1)
        for end in signalPipe where end >= 0 { close(end) }
    }

    deinit { stop() }

    /// A termination signal (SIGINT, SIGTERM, SIGHUP) received since the
    /// terminal was taken over, or 0.
    public static func pendingSignal() -> Int32 {
        let signal = hark_termination_signal()
        return signal != 0 ? signal : (stdinHungUp ? SIGHUP : 0)
    }

    /// The terminal went away without a SIGHUP (stdin hung up): the reader
    /// ends as if it had had one, rather than waking for ever.
    nonisolated(unsafe) private static var stdinHungUp = false

    private static func prepareLocale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased().filter({ $0 != "-" }) != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    // MARK: Drawing

    /// Writes what `ScreenDiff` says changed, run by run.
    public func draw(_ grid: CellGrid, cursor: (column: Int, row: Int)?) {
        if previous?.size != grid.size { clear() }
        for run in ScreenDiff.runs(from: previous, to: grid) {
            attrset(Int32(bitPattern: attributes(for: run.style)))
            var wide = run.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
            // The last cell of the screen cannot be written without ncurses
            // complaining; its error is harmless and ignored.
            _ = mvaddwstr(Int32(run.row), Int32(run.column), &wide)
        }
        attrset(Int32(bitPattern: HARK_A_NORMAL))
        previous = grid
        if let cursor {
            curs_set(1)
            move(Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        refresh()
    }

    /// The next frame is drawn whole (after a suspend, or when the screen was disturbed).
    public func invalidate() {
        previous = nil
        clearok(hark_stdscr(), true)
    }

    private func attributes(for style: Style) -> attr_t {
        var attributes = HARK_A_NORMAL
        if style.bold { attributes |= HARK_A_BOLD }
        if style.dim { attributes |= HARK_A_DIM }
        if style.underline { attributes |= HARK_A_UNDERLINE }
        if style.reverse { attributes |= HARK_A_REVERSE }
        if colorSupport.hasColors, let assignment = pairs.assign(style) {
            if assignment.isNew { init_pair(assignment.number, assignment.pair.foreground, assignment.pair.background) }
            attributes |= hark_color_pair(assignment.number)
        }
        return attributes
    }

    /// What the reader takes from the mouse: a click and the wheel.
    private static let mouseEvents = HARK_BUTTON1_PRESSED | HARK_BUTTON4_PRESSED | HARK_BUTTON5_PRESSED

    public func setMouseCapture(_ captured: Bool) {
        mousemask(captured ? Self.mouseEvents : 0, nil)
    }

    /// Written past ncurses, which has flushed its frame already: the
    /// sequence changes nothing on the screen.
    public func copyToClipboard(_ text: String) {
        fflush(nil)
        let bytes = Array(clipboardSequence(text).utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if result <= 0 {
                if result < 0 && errno == EINTR { continue }
                return
            }
            written += result
        }
    }

    // MARK: Input

    /// Keys ncurses has read already come first; then it waits on the
    /// terminal, the wake descriptor and the signal pipe together. A signal
    /// (a resize, a termination) interrupts the wait, and the key read after
    /// it reports a resize.
    public func nextEvent(timeoutMilliseconds: Int, wakeDescriptor: Int32?) -> TerminalEvent? {
        if let buffered = readKey() { return buffered }
        let descriptors = [STDIN_FILENO] + [wakeDescriptor, signalPipe[0]].compactMap { $0.flatMap { $0 >= 0 ? $0 : nil } }
        let ready = waitForReadable(descriptors, milliseconds: timeoutMilliseconds)
        if ready.contains(signalPipe[0]) {
            var buffer = [UInt8](repeating: 0, count: 16)
            _ = read(signalPipe[0], &buffer, buffer.count)
        }
        let key = readKey()
        if key == nil && ready.contains(STDIN_FILENO) {
            var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            if poll(&input, 1, 0) > 0 && input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { Self.stdinHungUp = true }
        }
        return key
    }

    /// A key (or resize, or mouse event) ncurses has, without waiting.
    private func readKey() -> TerminalEvent? {
        timeout(0)
        var character: wint_t = 0
        let result = get_wch(&character)
        if result == ERR { return nil }
        if result == HARK_KEY_CODE_YES { return functionKey(Int32(character)) ?? readKey() }
        return Self.decode(UInt32(character)) ?? readKey()
    }

    /// A character from the keyboard as a key.
    static func decode(_ code: UInt32) -> TerminalEvent? {
        switch code {
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.control(Character(Unicode.Scalar(code + 96)!)))
        case 0: return .key(.other("Ctrl-Space"))
        case 28...31: return .key(.other("Ctrl-" + String(Character(Unicode.Scalar(code + 64)!))))
        default:
            guard let scalar = Unicode.Scalar(code), code >= 0x20 else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    private func functionKey(_ code: Int32) -> TerminalEvent? {
        switch code {
        case HARK_KEY_UP: return .key(.up)
        case HARK_KEY_DOWN: return .key(.down)
        case HARK_KEY_LEFT: return .key(.left)
        case HARK_KEY_RIGHT: return .key(.right)
        case HARK_KEY_NPAGE: return .key(.pageDown)
        case HARK_KEY_PPAGE: return .key(.pageUp)
        case HARK_KEY_HOME: return .key(.home)
        case HARK_KEY_END: return .key(.end)
        case HARK_KEY_ENTER: return .key(.enter)
        case HARK_KEY_BACKSPACE: return .key(.backspace)
        case HARK_KEY_DC: return .key(.delete)
        case HARK_KEY_BTAB: return .key(.backTab)
        case HARK_KEY_RESIZE:
            size = Size(width: Int(hark_cols()), height: Int(hark_lines()))
            return .resize(size)
        case HARK_KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            let column = Int(event.x)
            let row = Int(event.y)
            if event.bstate & HARK_BUTTON4_PRESSED != 0 { return .mouse(.wheelUp, column: column, row: row) }
            if event.bstate & HARK_BUTTON5_PRESSED != 0 { return .mouse(.wheelDown, column: column, row: row) }
            if event.bstate & HARK_BUTTON1_PRESSED != 0 { return .mouse(.left, column: column, row: row) }
            return nil
        case HARK_KEY_F0 + 1...HARK_KEY_F0 + 63:
            return .key(.function(Int(code - HARK_KEY_F0)))
        default:
            // A key with no meaning here (Insert, a keypad key): named, so the reader can say it is not bound.
            let name = keyname(code).map { String(cString: $0) } ?? "key \(code)"
            return .key(.other(name.hasPrefix("KEY_") ? String(name.dropFirst(4)).capitalized : name))
        }
    }

    // MARK: Suspend

    public func suspend() {
        endwin()
        kill(getpid(), SIGSTOP)
        // Back from `fg`: take the terminal again and draw everything.
        refresh()
        size = Size(width: Int(hark_cols()), height: Int(hark_lines()))
        invalidate()
    }
}
