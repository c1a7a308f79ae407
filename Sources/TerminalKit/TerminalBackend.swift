import Foundation
/// What the reader needs from a terminal. The ncurses backend is the real
/// one; `FakeTerminal` runs the same loop in tests.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    /// Whether colours may be used (the terminal has them and NO_COLOR is unset).
    var colors: Bool { get }
    /// Shows `grid`, with the terminal's cursor at `cursor` (hidden if nil);
    /// only what changed since the last frame needs drawing.
    func draw(_ grid: CellGrid, cursor: (column: Int, row: Int)?)
    /// The next event, or nil after `timeoutMilliseconds` without one.
    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent?
    /// Gives the terminal back to the shell (Ctrl-Z), then takes it again.
    func suspend()
}

/// A terminal in memory: events are queued by the test, frames are kept.
public final class FakeTerminal: TerminalBackend {
    public private(set) var size: Size
    public let colors: Bool
    public private(set) var frames: [CellGrid] = []
    public private(set) var suspensions = 0
    private var events: [TerminalEvent]

    public init(size: Size, colors: Bool = true, events: [TerminalEvent] = []) {
        self.size = size
        self.colors = colors
        self.events = events
    }

    public var lastFrame: CellGrid? { frames.last }

    public func send(_ event: TerminalEvent) {
        if case .resize(let newSize) = event { size = newSize }
        events.append(event)
    }

    public func draw(_ grid: CellGrid, cursor: (column: Int, row: Int)?) { frames.append(grid) }

    /// Empty polls so far; a test that forgot to quit ends after many.
    private var idlePolls = 0
    /// When set, an empty poll with a timeout sleeps this long, so that
    /// work on other threads can finish while the loop waits.
    public var idleSleepMicroseconds: UInt32 = 0

    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        guard !events.isEmpty else {
            if idleSleepMicroseconds > 0, timeoutMilliseconds > 0 { usleep(idleSleepMicroseconds) }
            idlePolls += 1
            return idlePolls > 10_000 ? .key(.control("c")) : nil
        }
        let event = events.removeFirst()
        if case .resize(let newSize) = event { size = newSize }
        return event
    }

    public func suspend() { suspensions += 1 }
}
