import HarkCore
import HarkNotes

/// Who talks how much: per speaker, turns, words, talk time, share of the
/// talk and longest turn, read from the transcript with the user's speakers.
struct SpeakerStats {
    struct Row: Equatable {
        /// The file's label (`SPEAKER_00`); nil for turns only the user named, and for talk with no speaker.
        var label: String?
        /// The name the user gave; nil when they gave none.
        var name: String?
        var turns = 0
        var words = 0
        /// The segments' times added up.
        var talk: Milliseconds = 0
        /// From the start of the turn's first segment to the end of its last.
        var longestTurn: Milliseconds = 0
    }

    /// Most talk first; talk with no speaker last.
    let rows: [Row]
    let totalTalk: Milliseconds

    /// `named` is the file's transcript with `notes`' speaker edits applied;
    /// `file` gives the labels as the file has them.
    init(file: Transcript, named: Transcript, notes: Notes) {
        var rows: [String?: Row] = [:]
        var order: [String?] = []
        var turn: (speaker: String?, start: Milliseconds, end: Milliseconds)?
        func endTurn() {
            guard let turn else { return }
            rows[turn.speaker]!.turns += 1
            rows[turn.speaker]!.longestTurn = max(rows[turn.speaker]!.longestTurn, turn.end - turn.start)
        }
        for index in 0..<named.segments.count where named.hasText(index) {
            // A segment with no speaker inside a named turn (`[MUSIC]`) is nobody's talk.
            if turn == nil || named.startsTurn(at: index) || named.speaker(of: index) != turn!.speaker {
                endTurn()
                let speaker = named.speaker(of: index)
                turn = (speaker, named.start(of: index), named.end(of: index))
                if rows[speaker] == nil {
                    rows[speaker] = Self.row(for: speaker, file: file, notes: notes)
                    order.append(speaker)
                }
            }
            let speaker = turn!.speaker
            turn!.end = max(turn!.end, named.end(of: index))
            rows[speaker]!.talk += max(0, named.end(of: index) - named.start(of: index))
            named.forEachWord(inBytes: named.textRange(of: index)) { word, _ in
                if !word.isEmpty { rows[speaker]!.words += 1 }
            }
        }
        endTurn()
        let ranked = order.enumerated().sorted { a, b in
            let (x, y) = (rows[a.element]!, rows[b.element]!)
            if (a.element == nil) != (b.element == nil) { return b.element == nil }
            return x.talk != y.talk ? x.talk > y.talk : a.offset < b.offset
        }
        self.rows = ranked.map { rows[$0.element]! }
        totalTalk = self.rows.reduce(0) { $0 + $1.talk }
    }

    /// The label and name behind a speaker as the reader shows it.
    private static func row(for speaker: String?, file: Transcript, notes: Notes) -> Row {
        guard let speaker else { return Row() }
        let label = notes.speakerNames.first { $0.name == speaker }?.label ?? (file.speakers.contains(speaker) ? speaker : nil)
        return Row(label: label, name: notes.namesUsed.contains(speaker) ? speaker : nil)
    }

    func share(_ row: Row) -> Double { totalTalk > 0 ? Double(row.talk) / Double(totalTalk) : 0 }

    var json: String {
        let items = rows.map { row in
            "{\"label\": \(row.label.map(JSONText.quote) ?? "null"), \"name\": \(row.name.map(JSONText.quote) ?? "null"), "
                + "\"turns\": \(row.turns), \"words\": \(row.words), \"seconds\": \(TimeFormat.seconds(row.talk)), "
                + "\"share\": \(Self.thousandths(share(row))), "
                + "\"longest_turn_seconds\": \(TimeFormat.seconds(row.longestTurn))}"
        }
        return "{\"speakers\": [\(items.joined(separator: ", "))]}"
    }

    /// `0.694`, `0.25`, `1.0`: three decimals at most, as JSON numbers are written elsewhere.
    static func thousandths(_ value: Double) -> String {
        var text = Fixed.decimals(value, 3)
        while text.hasSuffix("0") && !text.hasSuffix(".0") { text.removeLast() }
        return text
    }

    /// A table: the speaker (name and label), then the figures, right-aligned.
    var table: String {
        let header = ["speaker", "turns", "words", "talk time", "share", "longest turn"]
        let lines = rows.map { row -> [String] in
            let who: String
            switch (row.name, row.label) {
            case (let name?, let label?) where name != label: who = "\(name) (\(label))"
            case (let name?, _): who = name
            case (nil, let label?): who = label
            case (nil, nil): who = "(no speaker)"
            }
            return [
                Escaped.message(who), "\(row.turns)", "\(row.words)", TimeFormat.short(row.talk),
                Fixed.decimals(share(row) * 100, 1) + "%", TimeFormat.short(row.longestTurn),
            ]
        }
        let widths = header.indices.map { column in ([header] + lines).map { $0[column].count }.max() ?? 0 }
        return ([header] + lines).map { cells in
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ") + "\n"
        }.joined()
    }
}
