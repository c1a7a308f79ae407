import ArgumentParser
import HarkCommands

// The commands about the notes file (speaker names, marks, quotes): argument parsing only.

extension NotesOption {
    func options(json: Bool = false, format: FormatOption) -> HarkCommands.NotesOptions {
        var options = HarkCommands.NotesOptions()
        options.notesFile = notesFile
        options.json = json
        options.format = format.format
        return options
    }
}

struct Speakers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speakers",
        abstract: "Name the speakers, and see who talks how much: turns, words, talk time, share, longest turn.",
        discussion: """
            --rename 'SPEAKER_00=Sarah Catanzaro' names a label of the file everywhere (the reader, search, exports, \
            topics); a name given before may be renamed the same way; 'LABEL=' takes the name away. \
            Names are kept in the notes file.
            """)

    @Argument(help: "The transcript file.") var file: String
    @Option(name: .customLong("rename"), help: "LABEL=Name (repeatable).") var renames: [String] = []
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var notesOption: NotesOption
    @OptionGroup var formatOption: FormatOption

    func run() throws {
        try Self.finish(
            HarkCommands.speakers(
                path: file, renames: renames, options: notesOption.options(json: json, format: formatOption),
                output: .standardOutput()))
    }
}

struct Marks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marks",
        abstract: "List the marks and quotes kept in the notes file, in time order; add or remove a mark.",
        discussion: "TIME is as the reader's : takes it (1:02:03, 62:03, 3723s, 90m, 45%): the segment spoken then.")

    @Argument(help: "The transcript file.") var file: String
    @Flag(help: "Print JSON.") var json = false
    @Option(help: ArgumentHelp("Mark the segment spoken at TIME.", valueName: "TIME")) var add: String?
    @Option(help: "The added mark's note.") var note: String?
    @Option(help: ArgumentHelp("Remove the mark at TIME.", valueName: "TIME")) var remove: String?
    @OptionGroup var notesOption: NotesOption
    @OptionGroup var formatOption: FormatOption

    func validate() throws {
        if add != nil && remove != nil { throw ValidationError("Give --add or --remove, not both.") }
        if note != nil && add == nil { throw ValidationError("--note goes with --add.") }
        if json && (add != nil || remove != nil) {
            throw ValidationError("--json lists marks; it does not go with --add or --remove.")
        }
    }

    func run() throws {
        let options = notesOption.options(json: json, format: formatOption)
        if let add {
            try Self.finish(HarkCommands.addMark(path: file, at: add, note: note, options: options, output: .standardOutput()))
        } else if let remove {
            try Self.finish(HarkCommands.removeMark(path: file, at: remove, options: options, output: .standardOutput()))
        } else {
            try Self.finish(HarkCommands.marks(path: file, options: options, output: .standardOutput()))
        }
    }
}

struct Quotes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Print the quotes kept in the notes file, ready to paste: Markdown, text or JSON.")

    @Argument(help: "The transcript file.") var file: String
    @Option(help: "Output format: \(QuoteFormat.allCases.map(\.rawValue).joined(separator: ", ")).") var to: QuoteFormat = .md
    @OptionGroup var notesOption: NotesOption
    @OptionGroup var formatOption: FormatOption

    func run() throws {
        try Self.finish(
            HarkCommands.quotes(path: file, to: to, options: notesOption.options(format: formatOption), output: .standardOutput())
        )
    }
}
