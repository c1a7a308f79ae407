/// One terminal cell: a grapheme cluster and its style. The cell after a
/// wide character holds `nil` text: it is covered.
public struct Cell: Equatable, Sendable {
    public var text: String?
    public var style: Style

    public init(text: String? = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
}

/// An in-memory screen. Screens draw into it; the backend draws it; tests
/// read it as text. Writes are clipped: nothing can wrap or spill over.
public struct CellGrid: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        cells = Array(repeating: .blank, count: self.size.width * self.size.height)
    }

    public subscript(column: Int, row: Int) -> Cell {
        get { cells[row * size.width + column] }
        set { cells[row * size.width + column] = newValue }
    }

    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let from = max(0, rect.x)
        let to = min(size.width, rect.maxX)
        guard from < to else { return }
        for row in max(0, rect.y)..<min(size.height, rect.maxY) {
            breakWideCharacters(row: row, from: from, to: to)
            for column in from..<to { self[column, row] = Cell(text: " ", style: style) }
        }
    }

    /// Before columns `from..<to` of `row` are written: a wide character
    /// that the write would cut in half is replaced by a space, so that a
    /// covered cell always follows a wide character and a wide character is
    /// always followed by its covered cell (what `ScreenDiff` relies on).
    private mutating func breakWideCharacters(row: Int, from: Int, to: Int) {
        if from > 0, from < size.width, self[from, row].text == nil {
            self[from - 1, row] = Cell(text: " ", style: self[from - 1, row].style)
        }
        if to > 0, to < size.width, self[to, row].text == nil {
            self[to, row] = Cell(text: " ", style: self[to, row].style)
        }
    }

    /// Writes `text` from `column` on `row`, stopping before `limit` (the
    /// grid's width by default). A wide character that would not fit whole is
    /// left out. Returns the column after the last one written.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, column: Int, row: Int, style: Style, limit: Int? = nil) -> Int {
        guard row >= 0, row < size.height else { return column }
        let end = min(limit ?? size.width, size.width)
        var x = column
        for character in text {
            let width = DisplayWidth.of(character)
            if width == 0 {
                // A lone combining mark: attach it to the cell before.
                if x > column, x - 1 < end, let previous = self[x - 1, row].text {
                    self[x - 1, row].text = previous + String(character)
                }
                continue
            }
            if x + width > end { break }
            if x >= 0 {
                breakWideCharacters(row: row, from: x, to: min(size.width, x + width))
                let printable = character.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }
                self[x, row] = Cell(text: printable ? String(character) : "\u{FFFD}", style: style)
                for k in 1..<max(1, width) where x + k < size.width { self[x + k, row] = Cell(text: nil, style: style) }
            }
            x += width
        }
        return x
    }

    /// The grid as text: one line per row, each ending in `|` so trailing
    /// spaces show in snapshots.
    public var text: String {
        (0..<size.height).map { row in
            (0..<size.width).compactMap { self[$0, row].text }.joined() + "|"
        }.joined(separator: "\n")
    }

    /// One letter per cell for the style there, from `legend` (first match
    /// wins), `.` for plain: snapshots of highlights.
    public func styleMask(_ legend: [(Character, (Style) -> Bool)]) -> String {
        (0..<size.height).map { row in
            String(
                (0..<size.width).map { column -> Character in
                    let style = self[column, row].style
                    return legend.first { $0.1(style) }?.0 ?? "."
                }) + "|"
        }.joined(separator: "\n")
    }
}
