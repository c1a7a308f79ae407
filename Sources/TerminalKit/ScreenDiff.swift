/// What must be written to turn the frame on the terminal into the next one:
/// runs of cells of one style, left to right, top to bottom. The backend
/// writes each run as it is given and decides nothing.
public enum ScreenDiff {
    public struct Run: Equatable, Sendable {
        public var row: Int
        public var column: Int
        /// The run's cells' text, covered cells (after a wide character) left out.
        public var text: String
        /// How many columns the run covers.
        public var width: Int
        public var style: Style

        public init(row: Int, column: Int, text: String, width: Int, style: Style) {
            self.row = row
            self.column = column
            self.text = text
            self.width = width
            self.style = style
        }
    }

    /// The runs that differ between `previous` and `next`: on each changed
    /// row, from the first changed cell to the last, split where the style
    /// changes. With no previous frame, or one of another size, every row.
    /// A change that starts on the covered half of a wide character starts at
    /// the character, so that no half of one is ever written alone.
    public static func runs(from previous: CellGrid?, to next: CellGrid) -> [Run] {
        let width = next.size.width
        let whole = previous == nil || previous?.size != next.size
        var runs: [Run] = []
        for row in 0..<next.size.height {
            var first = 0
            var last = width - 1
            if !whole, let previous {
                while first < width && previous[first, row] == next[first, row] { first += 1 }
                if first == width { continue }
                while last > first && previous[last, row] == next[last, row] { last -= 1 }
                while first > 0 && (next[first, row].text == nil || previous[first, row].text == nil) { first -= 1 }
                while last + 1 < width && (next[last + 1, row].text == nil || previous[last + 1, row].text == nil) { last += 1 }
            }
            var column = first
            while column <= last {
                let style = next[column, row].style
                let start = column
                var text = ""
                while column <= last, next[column, row].style == style || next[column, row].text == nil {
                    if let cell = next[column, row].text { text += cell }
                    column += 1
                }
                runs.append(Run(row: row, column: start, text: text, width: column - start, style: style))
            }
        }
        return runs
    }
}
