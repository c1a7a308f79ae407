import HarkCore
import HarkNotes

extension HarkCommands {
    /// `hark speakers FILE [--rename LABEL=Name]...`: names speakers, then
    /// prints who talks how much. LABEL is one of the file's labels, or a
    /// name the user gave (to labels or to turns), which is renamed
    /// wherever it is used; `LABEL=` takes the name away. A LABEL that is
    /// neither is an error, status 2, before anything is saved.
    public static func speakers(
        path: String, renames: [String] = [], options: NotesOptions, output: OutputSink,
        report: (String) -> Void = Diagnostics.write
    ) -> Int32 {
        guard let opened = loadWithNotes(path, format: options.format, notesFile: options.notesFile, report: report) else {
            return 1
        }
        let (transcript, notesPath) = (opened.transcript, opened.notesPath)
        var loaded = opened.notes
        if !renames.isEmpty {
            var planned = loaded.notes
            var pairs: [(label: String, name: String?)] = []
            for rename in renames {
                guard let equals = rename.firstIndex(of: "=") else {
                    report("hark: speakers: --rename takes LABEL=Name, not \(Escaped.message(rename))")
                    return 2
                }
                let pair = (label: String(rename[..<equals]), name: Optional(String(rename[rename.index(after: equals)...])))
                let changes = renameChanges(pair.label, to: pair.name, file: transcript, notes: planned)
                guard !changes.isEmpty || transcript.speakers.contains(pair.label) else {
                    report("hark: speakers: \(unknownSpeaker(pair.label, file: transcript, notes: planned))")
                    return 2
                }
                changes.forEach { planned.apply($0) }
                pairs.append(pair)
            }
            do {
                // Made again under the lock, from the notes as they are then.
                loaded = try NotesFile.update(path: notesPath, for: transcript) { notes throws(NotesFileError) in
                    var current = notes
                    return pairs.flatMap { pair in
                        let changes = renameChanges(pair.label, to: pair.name, file: transcript, notes: current)
                        changes.forEach { current.apply($0) }
                        return changes
                    }
                }
            } catch {
                report("hark: \(error)")
                return 1
            }
        }
        notesWarnings(loaded.warnings).forEach(report)
        let stats = SpeakerStats(file: transcript, named: transcript.applying(loaded.notes.speakerEdits), notes: loaded.notes)
        output.write(options.json ? stats.json + "\n" : stats.table)
        output.flush()
        return 0
    }

    /// The changes that give `label` the name `name` (none or empty: no name).
    static func renameChanges(_ label: String, to name: String?, file: Transcript, notes: Notes) -> [NotesChange] {
        let name = name.flatMap { $0.isEmpty ? nil : $0 }
        if file.speakers.contains(label) {
            let before = notes.speakerNames.first { $0.label == label }?.name
            guard before != name else { return [] }
            return [.nameSpeaker(label: label, name: name)] + requote(from: before, to: name, notes)
        }
        // A name the user gave: renamed on every label and turn that has it.
        let labels = notes.speakerNames.filter { $0.name == label }.map { NotesChange.nameSpeaker(label: $0.label, name: name) }
        let turns = notes.turns.filter { $0.speaker == label }.map {
            NotesChange.setTurn(TurnEdit(segment: $0.segment, speaker: name))
        }
        return labels + turns + requote(from: label, to: name, notes)
    }

    /// Quotes credited to a name that is being corrected follow it (a name
    /// taken away leaves them as kept: who said it does not become nobody).
    static func requote(from old: String?, to new: String?, _ notes: Notes) -> [NotesChange] {
        guard let old, let new else { return [] }
        return notes.quotes.filter { $0.speaker == old }.map { quote in
            var renamed = quote
            renamed.speaker = new
            return .setQuote(renamed)
        }
    }

    private static func unknownSpeaker(_ label: String, file: Transcript, notes: Notes) -> String {
        var known: [String] = []
        if !file.speakers.isEmpty { known.append("its labels: " + file.speakers.joined(separator: ", ")) }
        if !notes.namesUsed.isEmpty { known.append("names given: " + notes.namesUsed.joined(separator: ", ")) }
        let what = known.isEmpty ? "it has no speaker labels, and no names were given" : known.joined(separator: "; ")
        return Escaped.message("\(label) is not a speaker in \(file.source) (\(what))")
    }
}
