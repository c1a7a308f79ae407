import TerminalKit

/// Where each part of the screen goes for a terminal size. The reducer uses
/// it (how many lines a page is) and the renderer draws into it, so rendering
/// never has to change state.
public struct ScreenLayout: Equatable, Sendable {
    /// The side pane takes a third of the terminal (chapter titles are
    /// long), at least this wide, and everything the timeline cannot use.
    public static let sidePaneWidth = 28
    public static let sidePaneThirdMaximumWidth = 44
    /// Below this width the side pane hides itself.
    public static let sidePaneMinimumTerminalWidth = 70
    /// The most text columns a timeline line takes: longer lines are hard to
    /// read (typography's 45–90 characters, a little more for a terminal).
    public static let readingMeasure = 100

    public var size: Size
    public var header: Rect
    public var timeline: Rect
    public var sidePane: Rect
    public var statusBar: Rect
    public var promptLine: Rect

    /// `gutterWidth`: the timeline's time column, which comes on top of the reading measure.
    public init(size: Size, sidePaneWanted: Bool, gutterWidth: Int = 9) {
        self.size = size
        let width = max(0, size.width)
        let height = max(0, size.height)
        // Bottom up: the prompt line, the status bar, then the header if room.
        promptLine = Rect(x: 0, y: max(0, height - 1), width: width, height: height >= 1 ? 1 : 0)
        statusBar = Rect(x: 0, y: max(0, height - 2), width: width, height: height >= 2 ? 1 : 0)
        let hasHeader = height >= 4
        header = Rect(x: 0, y: 0, width: width, height: hasHeader ? 1 : 0)
        let top = hasHeader ? 1 : 0
        let paneHeight = max(0, height - 2 - top)
        if sidePaneWanted && width >= Self.sidePaneMinimumTerminalWidth {
            let third = min(Self.sidePaneThirdMaximumWidth, max(Self.sidePaneWidth, width / 3))
            // The timeline needs its gutter, the measure and a column of margin; the pane gets the rest.
            let side = max(third, width - 1 - (gutterWidth + Self.readingMeasure + 1))
            timeline = Rect(x: 0, y: top, width: width - side - 1, height: paneHeight)
            sidePane = Rect(x: width - side, y: top, width: side, height: paneHeight)
        } else {
            timeline = Rect(x: 0, y: top, width: width, height: paneHeight)
            sidePane = Rect(x: width, y: top, width: 0, height: 0)
        }
    }

    public var showsSidePane: Bool { !sidePane.isEmpty }
}

/// The timeline's gutter: a marker column, the time, a space.
public struct Gutter: Equatable, Sendable {
    public var timeWidth: Int
    public var width: Int { timeWidth + 2 }

    /// Wide enough for the transcript's longest time, `h:mm:ss`, and the `~`
    /// of an estimated time when the transcript has any.
    public init(duration: Int64, estimatedTimes: Bool = false) {
        let hours = duration / 3_600_000
        timeWidth = String(hours).count + 6 + (estimatedTimes ? 1 : 0)
    }

    /// Too narrow a pane drops the gutter rather than the text.
    public func fits(in paneWidth: Int) -> Bool { paneWidth >= width + 8 }
}
