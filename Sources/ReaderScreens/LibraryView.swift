import HarkCore
import ReaderState
import TerminalKit

/// The library screen: a title line, one row per transcript (name,
/// format, length, speakers, a strip for each highlighted keyword, its
/// matches) or, after `/`, one row per match with its file, time, speaker
/// and the match in the middle of its context.
enum LibraryView {
    static func draw(_ state: ReaderState, _ library: LibraryState, theme: Theme, into grid: inout CellGrid) {
        let size = state.size
        guard size.height >= 3 else { return }
        let body = Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 3))
        if let search = library.search {
            drawTitle(searchTitle(search, library), state: state, into: &grid, theme: theme)
            drawResults(search, library, state: state, in: body, theme: theme, into: &grid)
        } else {
            drawTitle(listTitle(library, state), state: state, into: &grid, theme: theme)
            drawRows(library, state: state, in: body, theme: theme, into: &grid)
        }
    }

    private static func drawTitle(_ text: String, state: ReaderState, into grid: inout CellGrid, theme: Theme) {
        let rect = Rect(x: 0, y: 0, width: state.size.width, height: 1)
        grid.fill(rect, style: theme.header)
        grid.write(text, column: 0, row: 0, style: theme.header, limit: rect.maxX)
    }

    static func listTitle(_ library: LibraryState, _ state: ReaderState) -> String {
        let listed = library.order.count
        var parts = ["Library", "\(listed) transcript\(listed == 1 ? "" : "s")"]
        let total = library.rows.indices.compactMap { library.file($0)?.transcript.duration }.reduce(0, +)
        parts.append(TimeFormat.short(total) + " in all")
        let failed = library.rows.count { if case .failed = $0 { true } else { false } }
        if failed > 0 { parts.append("\(failed) could not be read") }
        if library.isLoading { parts.append("loading \(library.loadedCount)/\(library.rows.count)…") }
        if library.sort != .given { parts.append("sorted by \(library.sort.rawValue)") }
        return " " + parts.joined(separator: " · ")
    }

    static func searchTitle(_ search: LibrarySearch, _ library: LibraryState) -> String {
        let files = Set(search.results.map(\.file)).count
        var text =
            " \(search.results.count) match\(search.results.count == 1 ? "" : "es") of \"\(search.pattern)\" in \(files) transcript\(files == 1 ? "" : "s")"
        if search.unsearched > 0 { text += " · \(search.unsearched) still loading, not searched" }
        return text + " · Esc: back to the list"
    }

    // MARK: The list

    private static func drawRows(
        _ library: LibraryState, state: ReaderState, in rect: Rect, theme: Theme, into grid: inout CellGrid
    ) {
        let names = library.names
        let keywords = library.counted
        // Columns from the right: matches, strips, speakers, length, format; the name takes the rest.
        let stripWidth = keywords.isEmpty ? 0 : max(6, min(24, (rect.width - 60) / max(1, keywords.count) - 1))
        let stripsWidth = keywords.isEmpty ? 0 : keywords.count * (stripWidth + 1) + 7
        let fixed = 14 + 9 + 12 + stripsWidth
        let nameWidth = max(8, min(60, rect.width - fixed - 2))
        for row in 0..<rect.height {
            let position = library.top + row
            guard position < library.order.count else { break }
            let index = library.order[position]
            let y = rect.y + row
            let selected = position == library.selected
            let base = selected ? theme.selectedEntry : theme.text
            if selected { grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base) }
            var x = grid.write(
                " " + fitted(names[index], width: nameWidth), column: rect.x, row: y, style: selected ? base : theme.paneTitle,
                limit: rect.maxX)
            x = max(x, rect.x + nameWidth + 2)
            switch library.rows[index] {
            case .loading:
                grid.write("loading…", column: x, row: y, style: theme.nonSpeech, limit: rect.maxX)
            case .skipped:
                break
            case .failed(let why):
                grid.write(why, column: x, row: y, style: selected ? base : theme.warning, limit: rect.maxX)
            case .loaded(let file):
                let transcript = file.transcript
                x =
                    grid.write(fitted(transcript.format.rawValue, width: 13), column: x, row: y, style: base, limit: rect.maxX)
                    + 1
                let length = TimeFormat.mark(estimated: transcript.durationIsEstimated) + TimeFormat.short(transcript.duration)
                x = grid.write(fitted(length, width: 8), column: x, row: y, style: base, limit: rect.maxX) + 1
                let speakers = transcript.speakers.count
                x =
                    grid.write(
                        fitted(speakers == 0 ? "" : "\(speakers) speaker\(speakers == 1 ? "" : "s")", width: 11), column: x,
                        row: y,
                        style: base, limit: rect.maxX) + 1
                if file.counted != keywords {
                    // Counted off the loop for the new highlights: the old strips would mislead.
                    grid.write("counting…", column: x, row: y, style: theme.nonSpeech, limit: rect.maxX)
                    continue
                }
                for (k, strip) in file.strips.enumerated() {
                    drawStrip(strip, width: stripWidth, column: x, row: y, style: theme.keyword(k), into: &grid, limit: rect.maxX)
                    x += stripWidth + 1
                }
                if !keywords.isEmpty {
                    grid.write(String(file.totalMatches), column: x, row: y, style: base, limit: rect.maxX)
                }
            }
        }
        if library.order.isEmpty && !library.isLoading {
            grid.write(" No transcripts found.", column: rect.x, row: rect.y, style: theme.message, limit: rect.maxX)
        }
    }

    /// A keyword's matches along an interview, as `Library.bins` counts squeezed into `width` cells.
    private static func drawStrip(
        _ bins: [Int], width: Int, column: Int, row: Int, style: Style, into grid: inout CellGrid, limit: Int
    ) {
        guard width > 0 else { return }
        var cells = [Int](repeating: 0, count: width)
        for (k, count) in bins.enumerated() { cells[k * width / max(1, bins.count)] += count }
        let peak = max(1, cells.max() ?? 1)
        var plain = style
        plain.underline = false
        for (k, count) in cells.enumerated() {
            let level = count == 0 ? 0 : max(1, count * (SidePaneView.levels.count - 1) / peak)
            grid.write(
                count == 0 ? "·" : SidePaneView.levels[level], column: column + k, row: row,
                style: count == 0 ? Style(dim: true) : plain, limit: limit)
        }
    }

    // MARK: Search results

    private static func drawResults(
        _ search: LibrarySearch, _ library: LibraryState, state: ReaderState, in rect: Rect, theme: Theme,
        into grid: inout CellGrid
    ) {
        let names = library.names
        let shown = search.results[min(search.top, search.results.count)..<min(search.top + rect.height, search.results.count)]
        let longestName = shown.map { DisplayWidth.of(names[$0.file]) }.max() ?? 0
        let nameWidth = max(8, min(longestName, 28, rect.width / 4))
        // A speaker column only when a result in view has a speaker: the context gets the room otherwise.
        let speakerWidth =
            shown.contains { library.file($0.file)?.transcript.speaker(of: $0.match.segment) != nil } ? 12 : 0
        for row in 0..<rect.height {
            let position = search.top + row
            guard position < search.results.count else { break }
            let result = search.results[position]
            guard let file = library.file(result.file) else { continue }
            let transcript = file.transcript
            let y = rect.y + row
            let selected = position == search.selected
            let base = selected ? theme.selectedEntry : theme.text
            if selected { grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base) }
            var x =
                grid.write(
                    " " + fitted(names[result.file], width: nameWidth), column: rect.x, row: y,
                    style: selected ? base : theme.paneTitle, limit: rect.maxX) + 1
            let segment = result.match.segment
            let time =
                TimeFormat.mark(estimated: transcript.isEstimated(segment)) + TimeFormat.short(transcript.start(of: segment))
            x =
                grid.write(fitted(time, width: 8), column: x, row: y, style: selected ? base : theme.gutterTime, limit: rect.maxX)
                + 1
            if speakerWidth > 0 {
                let speaker = transcript.speaker(of: segment) ?? ""
                x = grid.write(fitted(speaker, width: speakerWidth), column: x, row: y, style: base, limit: rect.maxX) + 1
            }
            drawContext(
                result.match.range, transcript, column: x, row: y, width: rect.maxX - x, base: base, match: theme.currentMatch,
                into: &grid)
        }
        if search.results.isEmpty {
            grid.write(" Nothing matched.", column: rect.x, row: rect.y, style: theme.message, limit: rect.maxX)
        }
    }

    /// The match in the middle of `width` columns, with the words around it.
    private static func drawContext(
        _ range: Range<Int>, _ transcript: Transcript, column: Int, row: Int, width: Int, base: Style, match: Style,
        into grid: inout CellGrid
    ) {
        guard width > 4 else { return }
        let matched = transcript.string(ofBytes: range)
        let matchWidth = min(DisplayWidth.of(matched), width - 2)
        let side = max(0, (width - matchWidth) / 2)
        let before = transcript.string(
            ofBytes: transcript.characterBoundary(atOrAfter: max(0, range.lowerBound - side * 4))..<range.lowerBound)
        let after = transcript.string(
            ofBytes: range.upperBound..<transcript.characterBoundary(atOrAfter: range.upperBound + side * 4))
        var left = Substring(before.replacing("\n", with: " "))
        if DisplayWidth.of(left) > side {
            while DisplayWidth.of(left) > side { left = left.dropFirst() }
            // Start at a word, not in the middle of one.
            if let space = left.firstIndex(of: " "), left.distance(from: left.startIndex, to: space) < 12 {
                left = left[left.index(after: space)...]
            }
        }
        var x = grid.write(left, column: column + side - DisplayWidth.of(left), row: row, style: base, limit: column + width)
        x = grid.write(matched, column: x, row: row, style: match, limit: column + width)
        grid.write(after.replacing("\n", with: " "), column: x, row: row, style: base, limit: column + width)
    }

    /// `text` cut or padded to `width` columns.
    static func fitted(_ text: String, width: Int) -> String {
        var shown = Substring(text)
        if DisplayWidth.of(shown) > width {
            while DisplayWidth.of(shown) > max(0, width - 1) { shown = shown.dropLast() }
            return String(shown) + "…"
        }
        return String(shown) + String(repeating: " ", count: width - DisplayWidth.of(shown))
    }
}
