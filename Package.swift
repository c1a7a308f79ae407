// swift-tools-version: 6.1
import PackageDescription

// Targets are split by dependency direction (see DECISIONS.md):
// HarkCore knows transcripts and nothing else (Foundation, and memmem from C);
// HarkTopics finds topics and chapters in them and reads topics files;
// HarkCommands turns the core into command-line output;
// the `hark` executable parses arguments and calls HarkCommands.
let package = Package(
    name: "hark",
    products: [
        .executable(name: "hark", targets: ["hark"]),
        .library(name: "HarkCore", targets: ["HarkCore"]),
        .library(name: "HarkTopics", targets: ["HarkTopics"]),
        .library(name: "HarkTOML", targets: ["HarkTOML"]),
        .library(name: "HarkNotes", targets: ["HarkNotes"]),
        // For the fuzz package: the commands' code as scripts run it.
        .library(name: "HarkCommands", targets: ["HarkCommands"]),
        // For the benchmark package: the reader's state, screens and runner, no terminal.
        .library(name: "HarkReaderCore", targets: ["ReaderState", "ReaderScreens", "HarkReader"]),
        // For the benchmark package: the audio player, to time how closely the reader follows it.
        .library(name: "HarkAudioPlayer", targets: ["HarkAudio", "MPVBackend"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // glibc's memmem, for search (Swift's Glibc module leaves GNU extensions out).
        .target(name: "CByteKernels"),
        .target(name: "CThreads"),
        .target(name: "HarkCore", dependencies: ["CByteKernels", "CThreads"]),
        // TOML (topics files, and the notes file to come): a parser of our own that cannot crash.
        .target(name: "HarkTOML"),
        // Topics, chapters and topics files.
        .target(name: "HarkTopics", dependencies: ["HarkCore", "HarkTOML"]),
        // What the user adds (speaker names, marks, quotes) and the notes file that keeps it.
        .target(name: "HarkNotes", dependencies: ["HarkCore", "HarkTOML"]),
        .target(name: "HarkCommands", dependencies: ["HarkCore", "HarkTopics", "HarkNotes"]),
        // The reader, in the layers ARCHITECTURE.md describes.
        .target(name: "CTerminalSupport"),
        .target(name: "TerminalKit", dependencies: ["CTerminalSupport"]),
        // Audio: where a transcript's audio is, and the protocol the reader drives a player by;
        // MPVBackend is that protocol over mpv's JSON IPC (the only code that knows mpv).
        .target(name: "HarkAudio"),
        .target(name: "MPVBackend", dependencies: ["HarkAudio", "HarkCore", "CTerminalSupport"]),
        .target(name: "ReaderState", dependencies: ["HarkCore", "HarkTopics", "HarkNotes", "HarkAudio", "TerminalKit"]),
        .target(name: "ReaderScreens", dependencies: ["ReaderState", "TerminalKit", "HarkCore", "HarkTopics", "HarkNotes"]),
        .target(
            name: "HarkReader",
            dependencies: ["ReaderScreens", "ReaderState", "TerminalKit", "HarkCore", "HarkTopics", "HarkNotes", "HarkAudio"]
        ),
        .systemLibrary(name: "CNcurses"),
        .target(name: "NcursesBackend", dependencies: ["CNcurses", "CTerminalSupport", "TerminalKit"]),
        .executableTarget(
            name: "hark",
            dependencies: [
                "HarkCommands", "HarkTopics", "HarkNotes", "HarkReader", "NcursesBackend", "HarkAudio", "MPVBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "HarkCoreTests",
            dependencies: [
                "HarkCore", "HarkTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "HarkTopicsTests", dependencies: ["HarkTopics", "HarkCore", "HarkTestSupport"]),
        .testTarget(name: "HarkCommandsTests", dependencies: ["HarkCommands", "HarkCore", "HarkNotes", "HarkTestSupport"]),
        .target(name: "HarkTestSupport", dependencies: ["HarkCore", "HarkTopics"], path: "Tests/HarkTestSupport"),
        .testTarget(
            name: "ReaderTests",
            dependencies: [
                "HarkReader", "ReaderScreens", "ReaderState", "TerminalKit", "HarkCore", "HarkTestSupport", "HarkTopics",
                "HarkNotes",
            ],
            exclude: ["Snapshots"]
        ),
        // The player against the real mpv, on audio the tests make with espeak-ng.
        .testTarget(name: "AudioTests", dependencies: ["HarkAudio", "MPVBackend", "HarkTestSupport"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "HarkTestSupport"]),
        .testTarget(name: "HarkTOMLTests", dependencies: ["HarkTOML", "HarkTestSupport"]),
        .testTarget(name: "HarkNotesTests", dependencies: ["HarkNotes", "HarkCore", "HarkTOML", "HarkTestSupport"]),
        // The real binary under tmux (the README's test command runs these too).
        .testTarget(name: "EndToEndTests", dependencies: ["HarkTestSupport", "HarkTOML"]),
    ]
)
