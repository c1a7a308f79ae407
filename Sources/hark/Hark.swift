import ArgumentParser
import Glibc
import HarkCommands
import HarkCore
import HarkReader
import ReaderState

// Argument parsing only: every command's work is in HarkCommands.

/// What `hark --version` prints; raised with each release's changes.
enum HarkVersion {
    static let current = "0.3.0"
}

@main
struct Hark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hark",
        abstract: "Read interview and podcast transcripts in the terminal.",
        discussion: "With no file, hark opens the sample interview in sample-data/.",
        version: "hark \(HarkVersion.current)",
        subcommands: [
            Open.self, Search.self, Topics.self, Chapters.self, Info.self, Export.self, Speakers.self, Marks.self, Quotes.self,
        ],
        defaultSubcommand: Open.self)
}

extension TranscriptFormat: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
extension QuoteFormat: ExpressibleByArgument {}

struct FormatOption: ParsableArguments {
    @Option(
        name: .long,
        help:
            "Read the files as this format instead of recognising it (\(TranscriptFormat.allCases.map(\.rawValue).joined(separator: ", ")))."
    )
    var format: TranscriptFormat?
}

struct NotesOption: ParsableArguments {
    @Option(
        name: .customLong("notes"),
        help: ArgumentHelp(
            "The notes file (speaker names, marks, quotes); else NAME.hark.toml beside the transcript.", valueName: "FILE"))
    var notesFile: String?
}

extension ParsableCommand {
    static func finish(_ status: Int32) throws {
        if status != 0 { throw ExitCode(status) }
    }
}

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Read transcripts in the terminal (the default command). Piped, prints their readable text.",
        discussion: "Keys: press ? in the reader, or see the README.")

    @Argument(help: "Transcript files (:n and :p switch between them); the sample interview when omitted.")
    var files: [String] = []

    @Option(name: .customLong("highlight"), help: "Highlight a keyword (repeatable, up to six).")
    var highlights: [String] = []

    @Option(help: "Start at a time: 1:02:03, 62:03, 3723s, 90m, 45%.")
    var at: String?

    @Option(help: "Start with this search.")
    var search: String?

    @Option(
        name: .customLong("topics"),
        help:
            "A topics file (TOML) for the side pane; else NAME.topics.toml beside the transcript is used, else hark finds topics itself."
    )
    var topicsFile: String?

    @Option(
        name: .customLong("notes"),
        help: "The notes file (speaker names, marks, quotes); else NAME.hark.toml beside the transcript.")
    var notesFile: String?

    @Option(
        name: .customLong("audio"),
        help:
            "The interview's audio or video, played with mpv (p in the reader); else NAME.mp3 (.m4a, .aac, .wav, .flac, .ogg, .opus, .webm, .mp4, .mkv) beside the transcript.",
        completion: .file())
    var audioFile: String?

    @Flag(
        name: .customLong("no-mouse"),
        help: "Leave the mouse to the terminal, so that text can be selected and copied (M in the reader switches).")
    var noMouse = false

    @OptionGroup var formatOption: FormatOption

    func run() throws {
        var paths = files
        if paths.isEmpty {
            guard let sample = SampleData.transcriptPath() else {
                Diagnostics.write(
                    "hark: no file given, and the sample interview (sample-data/\(SampleData.fileName)) was not found")
                throw ExitCode(1)
            }
            paths = [sample]
        }
        if isatty(STDOUT_FILENO) != 1 {
            try Self.finish(
                HarkCommands.printText(paths: paths, format: formatOption.format, notesFile: notesFile, output: .standardOutput())
            )
            return
        }
        var options = ReaderOptions()
        options.highlights = highlights
        options.at = at
        options.search = search
        options.mouse = !noMouse
        try Self.finish(
            ReaderLauncher.run(
                paths: paths, format: formatOption.format, topicsFile: topicsFile, notesFile: notesFile, audioFile: audioFile,
                options: options))
    }
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find a word or phrase, also where it runs across two segments.",
        discussion: """
            Prints FILE:h:mm:ss.mmm: text for each segment holding a match, its matches highlighted on a terminal \
            (FILE when several files or a folder are given). A folder is searched recursively for transcripts, \
            skipping hidden files and files that are not transcripts. Case is ignored unless the pattern has a \
            capital letter; diacritics are always ignored. Exit status: 0 when something matched, 1 when nothing \
            did, 2 when a file could not be read (the others are still searched).
            """)

    @Argument(help: "The text to find.") var pattern: String
    @Argument(help: "Transcript files or folders of them.") var files: [String]
    @Flag(help: "Print the number of matches per file.") var count = false
    @Flag(help: "Print JSON Lines, one object per match (or per file with --count).") var json = false
    @Flag(help: "Match case exactly, even for a lowercase pattern.") var caseSensitive = false
    @Flag(help: "Match whole words only.") var word = false
    @OptionGroup var notesOption: NotesOption
    @OptionGroup var formatOption: FormatOption

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one transcript file.") }
    }

    func run() throws {
        var options = HarkCommands.SearchOptions()
        options.count = count
        options.json = json
        options.caseSensitive = caseSensitive
        options.wholeWord = word
        options.format = formatOption.format
        options.notesFile = notesOption.notesFile
        try Self.finish(HarkCommands.search(pattern: pattern, paths: files, options: options, output: .standardOutput()))
    }
}

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show format, duration, segments (and how many times are estimated), words, speakers and warnings.")

    @Argument(help: "Transcript files or folders of them.") var files: [String]
    @Flag(help: "Print one JSON object per file.") var json = false
    @Flag(help: "Do not print load warnings.") var quiet = false
    @OptionGroup var formatOption: FormatOption

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one transcript file.") }
    }

    func run() throws {
        try Self.finish(
            HarkCommands.info(
                paths: files, format: formatOption.format, json: json, quiet: quiet, output: .standardOutput()))
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the transcript to stdout as JSON, SRT, WebVTT, text or Markdown.")

    @Argument(help: "The transcript file.") var file: String
    @Option(help: "Output format: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var to: ExportFormat = .json
    @Flag(help: "Do not print load warnings.") var quiet = false
    @OptionGroup var notesOption: NotesOption
    @OptionGroup var formatOption: FormatOption

    func run() throws {
        try Self.finish(
            HarkCommands.export(
                path: file, format: formatOption.format, to: to, quiet: quiet, notesFile: notesOption.notesFile,
                output: .standardOutput()))
    }
}

struct Topics: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "List what the transcript is about and where: each topic's passages.",
        discussion: """
            Topics come from --topics FILE, else from NAME.topics.toml beside the transcript \
            (NAME.srt, NAME.whisper.txt…), else hark finds them itself: themes, passages that share words, named by their most telling phrases. \
            Given a folder, ranks its transcripts for each topic by the minutes of their passages (give --topics FILE \
            to rank them all by the same topics).
            """)

    @Argument(help: "The transcript file, or a folder of them.") var file: String
    @Option(name: .customLong("topics"), help: "A topics file (TOML; see the README).") var topicsFile: String?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Do not print load warnings.") var quiet = false
    @OptionGroup var notesOption: NotesOption
    @OptionGroup var formatOption: FormatOption

    func run() throws {
        var options = HarkCommands.TopicOptions()
        options.topicsFile = topicsFile
        options.json = json
        options.quiet = quiet
        options.format = formatOption.format
        options.notesFile = notesOption.notesFile
        try Self.finish(HarkCommands.topics(path: file, options: options, output: .standardOutput()))
    }
}

struct Chapters: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chapters",
        abstract: "Split the transcript where the subject changes, titling each chapter by phrases said in it.")

    @Argument(help: "The transcript file.") var file: String
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Do not print load warnings.") var quiet = false
    @OptionGroup var notesOption: NotesOption
    @OptionGroup var formatOption: FormatOption

    func run() throws {
        try Self.finish(
            HarkCommands.chapters(
                path: file, json: json, quiet: quiet, format: formatOption.format, notesFile: notesOption.notesFile,
                output: .standardOutput()))
    }
}
