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
        } else if let list = library.topicList {
            drawTitle(topicsTitle(list, library), state: state, into: &grid, theme: theme)
            if let opened = list.opened {
                drawTopicPassages(opened, library, in: body, theme: theme, into: &grid)
            } else {
                drawTopics(list, library, in: body, theme: theme, into: &grid)
            }
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

    /// The list's columns, from the right: matches, the highlights' strips,
    /// the topics' strips (those with the most time, as many as fit beside
    /// a name of 20 columns, at most three), speakers, length, format; the
    /// name takes the rest, as much as the longest needs when the strips
    /// can still be 10 wide. A header line names them.
    struct Columns {
        var nameWidth: Int
        var stripWidth: Int
        var topics: [LibraryTopic]
        var keywords: [String]

        init(_ library: LibraryState, width: Int) {
            keywords = library.counted
            let fixed = 14 + 9 + 12 + 2
            let countWidth = keywords.isEmpty ? 0 : 7
            let shortestName = 20
            let room = max(0, width - fixed - countWidth - shortestName)
            // The highlights' strips are the user's, always shown; a topic's only where it has 9 columns.
            // At most three unless the user chose more.
            topics = library.stripTopics(min(max(3, library.stripped.count), max(0, room / 9 - keywords.count)))
            let strips = topics.count + keywords.count
            guard strips > 0 else {
                stripWidth = 0
                nameWidth = max(8, min(60, width - fixed))
                return
            }
            let wholeName = max(shortestName, min(60, library.longestName))
            let besideWholeName = (width - fixed - countWidth - wholeName) / strips - 1
            stripWidth = besideWholeName >= 10 ? min(24, besideWholeName) : max(6, min(24, room / strips - 1))
            nameWidth = max(8, min(60, width - fixed - strips * (stripWidth + 1) - countWidth))
        }
    }

    private static func drawRows(
        _ library: LibraryState, state: ReaderState, in body: Rect, theme: Theme, into grid: inout CellGrid
    ) {
        let names = library.names
        let columns = Columns(library, width: body.width)
        drawHeader(columns, library, row: body.y, width: body.width, theme: theme, into: &grid)
        let rect = Rect(x: body.x, y: body.y + 1, width: body.width, height: max(0, body.height - 1))
        for row in 0..<rect.height {
            let position = library.top + row
            guard position < library.order.count else { break }
            let index = library.order[position]
            let y = rect.y + row
            let selected = position == library.selected
            let base = rowStyle(selected: selected, row: y, in: rect, theme: theme, into: &grid)
            var x = grid.write(
                " " + fittedName(names[index], width: columns.nameWidth), column: rect.x, row: y,
                style: selected ? base : theme.paneTitle, limit: rect.maxX)
            x = max(x, rect.x + columns.nameWidth + 2)
            switch library.rows[index] {
            case .loading:
                grid.write("loading…", column: x, row: y, style: theme.nonSpeech, limit: rect.maxX)
            case .skipped:
                break
            case .failed(let why):
                grid.write(why, column: x, row: y, style: selected ? base : theme.warning, limit: rect.maxX)
            case .loaded(let file):
                x = drawFacts(file.transcript, column: x, row: y, style: base, limit: rect.maxX, into: &grid)
                if case .failed(let why)? = file.topics, !columns.topics.isEmpty {
                    // Where its topics' strips would be: why it has none.
                    let width = columns.topics.count * (columns.stripWidth + 1) - 1
                    grid.write(
                        fitted("topics: " + why, width: width), column: x, row: y, style: selected ? base : theme.warning,
                        limit: rect.maxX)
                    x += width + 1
                } else {
                    for (k, topic) in columns.topics.enumerated() {
                        drawTopicStrip(
                            topic.name, of: file, width: columns.stripWidth, column: x, row: y,
                            style: theme.libraryTopic(k, colour: topic.colour), into: &grid, limit: rect.maxX)
                        x += columns.stripWidth + 1
                    }
                }
                if file.counted != columns.keywords {
                    // Counted off the loop for the new highlights: the old strips would mislead.
                    grid.write("counting…", column: x, row: y, style: theme.nonSpeech, limit: rect.maxX)
                    continue
                }
                for (k, strip) in file.strips.enumerated() {
                    drawStrip(
                        strip, width: columns.stripWidth, column: x, row: y, style: theme.keyword(k), into: &grid,
                        limit: rect.maxX)
                    x += columns.stripWidth + 1
                }
                if !columns.keywords.isEmpty {
                    grid.write(String(file.totalMatches), column: x, row: y, style: base, limit: rect.maxX)
                }
            }
        }
        if library.order.isEmpty && !library.isLoading {
            grid.write(" No transcripts found.", column: rect.x, row: rect.y, style: theme.message, limit: rect.maxX)
        }
    }

    /// Format, length and speakers; returns the column after them.
    private static func drawFacts(
        _ transcript: Transcript, column: Int, row y: Int, style: Style, limit: Int, into grid: inout CellGrid
    ) -> Int {
        var x = grid.write(fitted(transcript.format.rawValue, width: 13), column: column, row: y, style: style, limit: limit) + 1
        let length = TimeFormat.mark(estimated: transcript.durationIsEstimated) + TimeFormat.short(transcript.duration)
        x = grid.write(fitted(length, width: 8), column: x, row: y, style: style, limit: limit) + 1
        let speakers = transcript.speakers.count
        let said = speakers == 0 ? "" : "\(speakers) speaker\(speakers == 1 ? "" : "s")"
        return grid.write(fitted(said, width: 11), column: x, row: y, style: style, limit: limit) + 1
    }

    /// The columns' names above the rows, each strip's in its colour.
    private static func drawHeader(
        _ columns: Columns, _ library: LibraryState, row y: Int, width: Int, theme: Theme, into grid: inout CellGrid
    ) {
        let dim = theme.nonSpeech
        grid.write(" " + fitted("transcript", width: columns.nameWidth), column: 0, row: y, style: dim, limit: width)
        var x = columns.nameWidth + 2
        for heading in [("format", 13), ("length", 8), ("speakers", 11)] {
            x = grid.write(fitted(heading.0, width: heading.1), column: x, row: y, style: dim, limit: width) + 1
        }
        for (k, topic) in columns.topics.enumerated() {
            grid.write(
                fitted(topic.name, width: columns.stripWidth), column: x, row: y,
                style: theme.libraryTopic(k, colour: topic.colour), limit: width)
            x += columns.stripWidth + 1
        }
        for (k, word) in columns.keywords.enumerated() {
            grid.write(fitted(word, width: columns.stripWidth), column: x, row: y, style: theme.keyword(k), limit: width)
            x += columns.stripWidth + 1
        }
        if !columns.keywords.isEmpty { grid.write("matches", column: x, row: y, style: dim, limit: width) }
    }

    /// Where a topic's passages are in one transcript: the time they take
    /// in each stretch of it; blank while its topics are being found.
    private static func drawTopicStrip(
        _ name: String, of file: LibraryTranscript, width: Int, column: Int, row: Int, style: Style,
        into grid: inout CellGrid, limit: Int
    ) {
        guard case .found(let topics)? = file.topics else { return }
        var bins = [Int](repeating: 0, count: LibraryTranscript.bins)
        let duration = max(1, file.transcript.duration)
        for passage in topics.first(where: { $0.name == name })?.passages ?? [] {
            // Each stretch the passage reaches, by the time it takes there.
            let first = Int(passage.start * Int64(bins.count) / (duration + 1))
            let last = Int(max(passage.start, passage.end - 1) * Int64(bins.count) / (duration + 1))
            for bin in max(0, first)...min(bins.count - 1, max(first, last)) {
                let from = max(passage.start, Int64(bin) * (duration + 1) / Int64(bins.count))
                let to = min(passage.end, Int64(bin + 1) * (duration + 1) / Int64(bins.count))
                bins[bin] += Int(max(1, to - from))
            }
        }
        drawStrip(bins, width: width, column: column, row: row, style: style, into: &grid, limit: limit)
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
            let base = rowStyle(selected: selected, row: y, in: rect, theme: theme, into: &grid)
            let segment = result.match.segment
            let time =
                TimeFormat.mark(estimated: transcript.isEstimated(segment)) + TimeFormat.short(transcript.start(of: segment))
            var x = drawFileAndTime(
                names[result.file], width: nameWidth, time: time, row: y, in: rect, selected: selected, base: base,
                theme: theme, into: &grid)
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

    // MARK: Topics

    static func topicsTitle(_ list: LibraryTopicList, _ library: LibraryState) -> String {
        var parts: [String] = []
        if let opened = list.opened {
            let files = Set(opened.passages.map(\.file)).count
            parts.append(
                "\(opened.name): \(opened.passages.count) passage\(opened.passages.count == 1 ? "" : "s") in \(files) transcript\(files == 1 ? "" : "s")"
            )
            parts.append("Esc: back to the topics")
        } else {
            let progress = library.topicsProgress
            let found = progress.found
            parts.append("Topics · \(library.topics.count) in \(found) transcript\(found == 1 ? "" : "s")")
            if let first = progress.failed.first {
                parts.append(
                    progress.failed.count == 1
                        ? "the topics file of \(library.names[first]) could not be read"
                        : "the topics files of \(progress.failed.count) transcripts could not be read")
            }
            if progress.isFinding {
                parts.append("finding topics: \(progress.done) of \(progress.done + progress.waiting) so far…")
            }
            parts.append("Esc: back to the list")
        }
        return " " + parts.joined(separator: " · ")
    }

    /// One topic a row: its name, where it comes from, how many transcripts
    /// discuss it and the time of its passages in all.
    private static func drawTopics(
        _ list: LibraryTopicList, _ library: LibraryState, in rect: Rect, theme: Theme, into grid: inout CellGrid
    ) {
        let nameWidth = max(12, min(44, rect.width - 52))
        for row in 0..<rect.height {
            let position = list.top + row
            guard position < library.topics.count else { break }
            let topic = library.topics[position]
            let y = rect.y + row
            let selected = position == list.selected
            let base = rowStyle(selected: selected, row: y, in: rect, theme: theme, into: &grid)
            var x =
                grid.write(
                    " " + fitted(topic.name, width: nameWidth), column: rect.x, row: y,
                    style: selected ? base : theme.libraryTopic(position, colour: topic.colour), limit: rect.maxX) + 1
            let count = "\(topic.transcripts) transcript\(topic.transcripts == 1 ? "" : "s")"
            x = grid.write(fitted(count, width: 16), column: x, row: y, style: base, limit: rect.maxX) + 1
            x =
                grid.write(fitted(TimeFormat.short(topic.duration), width: 10), column: x, row: y, style: base, limit: rect.maxX)
                + 1
            var source = topic.source == .file ? "from a topics file" : "found by hark"
            if library.stripped.contains(topic.name) { source += " · strip" }
            grid.write(" " + source, column: x, row: y, style: selected ? base : theme.nonSpeech, limit: rect.maxX)
        }
        if library.topics.isEmpty {
            let text = library.topicsProgress.isFinding ? " Finding each transcript's topics…" : " No topics found."
            grid.write(text, column: rect.x, row: rect.y, style: theme.message, limit: rect.maxX)
        }
    }

    /// One passage a row: its transcript, its time and length, and how it begins.
    private static func drawTopicPassages(
        _ opened: LibraryTopicList.Opened, _ library: LibraryState,
        in rect: Rect, theme: Theme, into grid: inout CellGrid
    ) {
        let names = library.names
        let shown = opened.passages[min(opened.top, opened.passages.count)..<min(opened.top + rect.height, opened.passages.count)]
        let longestName = shown.map { DisplayWidth.of(names[$0.file]) }.max() ?? 0
        // The passage's first words say less than which transcript it is in.
        let nameWidth = max(8, min(longestName, 44, rect.width / 3))
        for row in 0..<rect.height {
            let position = opened.top + row
            guard position < opened.passages.count else { break }
            let found = opened.passages[position]
            guard let file = library.file(found.file) else { continue }
            let transcript = file.transcript
            let y = rect.y + row
            let selected = position == opened.selected
            let base = rowStyle(selected: selected, row: y, in: rect, theme: theme, into: &grid)
            let first = found.passage.segments.lowerBound
            let time = TimeFormat.mark(estimated: transcript.isEstimated(first)) + TimeFormat.short(found.passage.start)
            var x = drawFileAndTime(
                names[found.file], width: nameWidth, time: time, row: y, in: rect, selected: selected, base: base,
                theme: theme, into: &grid)
            let length = TimeFormat.short(found.passage.end - found.passage.start)
            x = grid.write(fitted(length, width: 8), column: x, row: y, style: base, limit: rect.maxX) + 1
            let opening = transcript.text(of: first).replacing("\n", with: " ")
            grid.write(opening, column: x, row: y, style: base, limit: rect.maxX)
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

    /// A row's style; the selected row is filled with it.
    private static func rowStyle(selected: Bool, row y: Int, in rect: Rect, theme: Theme, into grid: inout CellGrid)
        -> Style
    {
        let base = selected ? theme.selectedEntry : theme.text
        if selected { grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base) }
        return base
    }

    /// A file's name and a time, as the results of a search and a topic's
    /// passages start their rows; returns the column after them.
    private static func drawFileAndTime(
        _ name: String, width: Int, time: String, row y: Int, in rect: Rect, selected: Bool, base: Style, theme: Theme,
        into grid: inout CellGrid
    ) -> Int {
        let x =
            grid.write(
                " " + fittedName(name, width: width), column: rect.x, row: y, style: selected ? base : theme.paneTitle,
                limit: rect.maxX) + 1
        return grid.write(
            fitted(time, width: 8), column: x, row: y, style: selected ? base : theme.gutterTime, limit: rect.maxX) + 1
    }

    /// A file's name cut in the middle or padded to `width` columns: its end
    /// (the file's own name and format) says more than its folder.
    static func fittedName(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width, width > 4 else { return fitted(text, width: width) }
        var head = Substring(text.prefix((width - 1) / 3))
        var tail = Substring(text.suffix(width - 1 - head.count))
        while DisplayWidth.of(tail) > width - 1 - DisplayWidth.of(head) {
            if tail.count > head.count { tail = tail.dropFirst() } else { head = head.dropLast() }
        }
        return fitted(head + "…" + tail, width: width)
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
