import HarkTestSupport
import TerminalKit
import Testing

struct ScreenDiffTests {
    private func grid(_ rows: [String], width: Int = 8, style: Style = .plain) -> CellGrid {
        var grid = CellGrid(size: Size(width: width, height: rows.count))
        for (row, text) in rows.enumerated() { grid.write(text, column: 0, row: row, style: style) }
        return grid
    }

    @Test func withoutAPreviousFrameEveryRowIsWritten() {
        let runs = ScreenDiff.runs(from: nil, to: grid(["ab", "cd"], width: 3))
        #expect(
            runs == [
                ScreenDiff.Run(row: 0, column: 0, text: "ab ", width: 3, style: .plain),
                ScreenDiff.Run(row: 1, column: 0, text: "cd ", width: 3, style: .plain),
            ])
    }

    @Test func anUnchangedFrameWritesNothing() {
        let frame = grid(["hello", "world"])
        #expect(ScreenDiff.runs(from: frame, to: frame).isEmpty)
    }

    @Test func onlyTheChangedStretchOfAChangedRowIsWritten() {
        let before = grid(["hello", "world"])
        let after = grid(["hello", "wOrLd"])
        #expect(
            ScreenDiff.runs(from: before, to: after) == [ScreenDiff.Run(row: 1, column: 1, text: "OrL", width: 3, style: .plain)])
    }

    @Test func aChangedRowIsSplitWhereTheStyleChanges() {
        let before = grid(["abcdef"])
        var after = grid(["abcdef"])
        let bold = Style(bold: true)
        after.write("cd", column: 2, row: 0, style: bold)
        after.write("e", column: 4, row: 0, style: Style(foreground: .red))
        #expect(
            ScreenDiff.runs(from: before, to: after) == [
                ScreenDiff.Run(row: 0, column: 2, text: "cd", width: 2, style: bold),
                ScreenDiff.Run(row: 0, column: 4, text: "e", width: 1, style: Style(foreground: .red)),
            ])
    }

    @Test func aWideCharacterIsNeverWrittenByHalves() {
        let before = grid(["a東b"])
        // Writing into the covered half of 東 turns 東 into a space: the run starts there.
        var after = before
        after.write("x", column: 2, row: 0, style: .plain)
        #expect(
            ScreenDiff.runs(from: before, to: after) == [ScreenDiff.Run(row: 0, column: 1, text: " x", width: 2, style: .plain)])
        // A wide character replacing two narrow ones is written whole, with its width.
        let wide = ScreenDiff.runs(from: grid(["abcd"]), to: grid(["a東d"]))
        #expect(wide == [ScreenDiff.Run(row: 0, column: 1, text: "東", width: 2, style: .plain)])
    }

    /// However writes and fills overlap wide characters, every covered cell
    /// follows a two-column character and every such character has its
    /// covered cell: a run's text is always as wide as the run.
    @Test func writesAndFillsKeepWideCharactersWhole() {
        var generator = SeededGenerator(seed: 7)
        let pieces = ["東京", "a", "日本語", "x y", "é", "👍", "ab"]
        for _ in 0..<2_000 {
            var grid = CellGrid(size: Size(width: 9, height: 1))
            for _ in 0..<4 {
                let column = Int(generator.next() % 10) - 1
                if generator.next() % 3 == 0 {
                    grid.fill(Rect(x: column, y: 0, width: Int(generator.next() % 4), height: 1), style: Style(bold: true))
                } else {
                    grid.write(pieces[Int(generator.next() % UInt64(pieces.count))], column: column, row: 0, style: .plain)
                }
            }
            for column in 0..<9 {
                let text = grid[column, 0].text
                let coveredNext = column + 1 < 9 && grid[column + 1, 0].text == nil
                if let text { #expect((DisplayWidth.of(text) == 2) == coveredNext, "\(grid.text)") }
                if text == nil { #expect(column > 0 && DisplayWidth.of(grid[column - 1, 0].text ?? "") == 2, "\(grid.text)") }
            }
            for run in ScreenDiff.runs(from: nil, to: grid) { #expect(DisplayWidth.of(run.text) == run.width) }
        }
    }

    @Test func aFrameOfAnotherSizeIsWrittenWhole() {
        let runs = ScreenDiff.runs(from: grid(["ab"], width: 2), to: grid(["ab"], width: 3))
        #expect(runs == [ScreenDiff.Run(row: 0, column: 0, text: "ab ", width: 3, style: .plain)])
    }
}

struct ColorTests {
    @Test func coloursHaveTheTerminalsNumbersWhateverTheirOrder() {
        let expected: [(Color, Int16)] = [
            (.black, 0), (.red, 1), (.green, 2), (.yellow, 3), (.blue, 4), (.magenta, 5), (.cyan, 6), (.white, 7),
        ]
        for (color, number) in expected { #expect(TerminalColors.number(for: color) == number) }
        #expect(TerminalColors.number(for: nil) == -1)
        #expect(TerminalColors.number(for: .indexed(208)) == 208)
    }

    @Test func pairsAreNumberedFromOneAsNeededAndReused() {
        var pairs = ColorPairs(limit: 3)
        #expect(pairs.assign(.plain) == nil)
        let red = pairs.assign(Style(foreground: .red))
        #expect(red == ColorPairs.Assignment(number: 1, isNew: true, pair: .init(foreground: 1, background: -1)))
        #expect(pairs.assign(Style(foreground: .red, bold: true))?.isNew == false)
        #expect(pairs.assign(Style(foreground: .black, background: .cyan))?.number == 2)
        // Past the terminal's pairs: pair 0, attributes only.
        #expect(pairs.assign(Style(foreground: .green))?.number == 0)
        #expect(pairs.count == 2)
    }

    @Test func basicColoursByName() {
        #expect(Color(name: "magenta") == .magenta)
        #expect(Color(name: "orange") == nil)
    }
}
