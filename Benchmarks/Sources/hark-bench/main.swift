import Foundation
import HarkCore
import HarkTopics

// hark's benchmark. Every figure is printed beside a baseline measured in the
// same run on the same machine, as a ratio:
//   load:   TranscriptLoader on the 1,000-hour whisper file vs a plain byte
//           scan of the same file (read it and count its lines);
//   memory: peak resident memory of a process that loads the file, vs the
//           file's size;
//   search: `hark search --count` over the folder of 1,000 episodes vs `rg -c -i`;
//   formats: `hark info` on the 1,000-hour transcript as whisper text, SRT,
//           WebVTT and JSON vs a byte scan of each; SRT vs Python's `srt`;
//   listening: how far the highlighted segment is behind mpv's own position,
//           vs relying on mpv's notifications of it.

struct Options {
    var hark = ".build/release/hark"
    var data = "Benchmarks/data"
    var sample = "sample-data/gradient-dissent-sarah-catanzaro.whisper.txt"
    var runs = 5
    var childMode: String?
    var childFile: String?
    /// `--formats-only`: just the per-format loading figures. They time
    /// whole processes, so run.sh measures them from a fresh, small
    /// benchmark process: started from this one after it has loaded 1,000
    /// hours, every child would pay for copying its memory map.
    var formatsOnly = false
    /// `--reader-only`, `--listening-only`, `--library-only`, `--topics-only`: just those figures (quicker, when working on them).
    var readerOnly = false
    var listeningOnly = false
    var libraryOnly = false
    var topicsOnly = false

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--hark": hark = iterator.next() ?? hark
            case "--data": data = iterator.next() ?? data
            case "--sample": sample = iterator.next() ?? sample
            case "--runs": runs = Int(iterator.next() ?? "") ?? runs
            case "--formats-only": formatsOnly = true
            case "--reader-only": readerOnly = true
            case "--listening-only": listeningOnly = true
            case "--library-only": libraryOnly = true
            case "--topics-only": topicsOnly = true
            case "--child-load", "--child-scan", "--child-library":
                childMode = argument
                childFile = iterator.next()
            default: break
            }
        }
    }
}

let options = Options(CommandLine.arguments)
// Each figure as soon as it is measured, even into a file.
setvbuf(stdout, nil, _IOLBF, 0)

if let mode = options.childMode, let file = options.childFile {
    // Run in a child process so its peak memory is its own.
    if mode == "--child-library" {
        LibraryBenchmark.holdLibrary(file)
    } else if mode == "--child-load" {
        let transcript = try TranscriptLoader.load(path: file)
        precondition(!transcript.isEmpty)
    } else {
        let lines = try Measure.byteScan(file)
        precondition(lines > 0)
    }
    print(Measure.ownPeakRSS())
    exit(0)
}

func listeningFigures() throws {
    print("\n== listening: the highlight against mpv's own time-pos (half-second segments, --ao=null) ==")
    if let rows = try ListeningBenchmark.run(data: options.data) {
        let baseline = rows[0].lags.max() ?? 1
        for row in rows {
            print(
                String(
                    format:
                        "%@ lag median %4.1f  p99 %5.1f  max %5.1f ms (max %.2fx the baseline's)  right segment %5.1f%%  a position every %4.1f ms (at most %5.1f)",
                    row.name.padding(toLength: 40, withPad: " ", startingAt: 0) as NSString, row.lag(0.5), row.lag(0.99),
                    row.lags.max() ?? 0, (row.lags.max() ?? 0) / baseline,
                    Double(row.rightSegment) * 100 / Double(max(1, row.samples)),
                    row.gap(0.5), row.reportGaps.max() ?? 0))
        }
        print("(goal: within 100 ms of what is heard)")
    } else {
        print("(mpv or sox is not installed: no listening figures)")
    }
}

func readerFigures(_ longPath: String) throws {
    print("\n== reader: one key handled and a 200x60 frame rendered, on the 1,000-hour transcript, median of \(options.runs) ==")
    for row in try ReaderBenchmark.run(path: longPath, runs: options.runs) {
        print(
            String(
                format: "%@ %8.2f ms  %@", row.name.padding(toLength: 56, withPad: " ", startingAt: 0) as NSString,
                row.milliseconds, (row.milliseconds <= 16 ? "within a 16 ms frame" : "OVER a 16 ms frame") as NSString))
    }
}

func topicsFigures(_ longPath: String) throws {
    print("\n== topics and chapters on the 1,000-hour transcript, loaded once, median of \(options.runs) ==")
    let long = try TranscriptLoader.load(path: longPath)
    var words = 0
    let wordPass = Measure.median(options.runs) { words = long.wordCount }
    print(String(format: "count words, one pass (baseline)   %8.1f ms  %d words", wordPass * 1000, words))
    var analysis: TopicAnalysis?
    let chapterTime = Measure.median(options.runs) { analysis = TopicAnalysis(long) }
    print(
        String(
            format: "chapters and their titles          %8.1f ms  %d chapters  = %.1fx the word pass", chapterTime * 1000,
            analysis!.chapters.count, chapterTime / wordPass))
    var automatic: [Topic] = []
    let automaticTime = Measure.median(options.runs) { automatic = analysis!.automaticTopics() }
    print(
        String(
            format: "automatic topics (after chapters)  %8.1f ms  %d topics  = %.1fx the word pass", automaticTime * 1000,
            automatic.count, automaticTime / wordPass))
    let topicsFile = options.sample.replacingOccurrences(of: ".whisper.txt", with: ".topics.toml")
    let definitions = try TopicsFile.load(path: topicsFile)
    var fileTopics: [Topic] = []
    let fileTime = Measure.median(options.runs) { fileTopics = TopicFinder.topics(definitions, source: .file, in: long) }
    print(
        String(
            format: "topics from the sample's file      %8.1f ms  %d passages  = %.1fx the word pass", fileTime * 1000,
            fileTopics.map(\.passages.count).reduce(0, +), fileTime / wordPass))
    let both = chapterTime + automaticTime
    print(String(format: "chapters + automatic topics        %8.1f ms  (goal < 1000 ms)", both * 1000))
}

if options.listeningOnly {
    try listeningFigures()
    exit(0)
}

let longPath = options.data + "/1000-hours.whisper.txt"
let episodeFolder = options.data + "/episodes"
try FileManager.default.createDirectory(atPath: options.data, withIntermediateDirectories: true)
print("making inputs in \(options.data) (once)…")
try Generator.longTranscript(sample: options.sample, into: longPath)
try Generator.episodeFolder(sample: options.sample, into: episodeFolder)
if options.libraryOnly {
    try LibraryBenchmark.run(folder: episodeFolder, runs: options.runs)
    exit(0)
}
if options.readerOnly {
    try readerFigures(longPath)
    exit(0)
}
if options.topicsOnly {
    try topicsFigures(longPath)
    exit(0)
}
if options.formatsOnly {
    try FormatBenchmark.run(hark: options.hark, data: options.data, whisperText: longPath, runs: options.runs)
    exit(0)
}
let fileSize = (try FileManager.default.attributesOfItem(atPath: longPath)[.size] as? NSNumber)?.intValue ?? 0
let megabytes = Double(fileSize) / 1_000_000

print("\n== load: \(longPath) (\(String(format: "%.1f", megabytes)) MB), median of \(options.runs) ==")
var lineCount = 0
let scan = Measure.median(options.runs) { lineCount = try Measure.byteScan(longPath) }
var segments = 0
let load = Measure.median(options.runs) { segments = try TranscriptLoader.load(path: longPath).segments.count }
print(Measure.row("byte scan (baseline)", scan, megabytes, note: "\(lineCount) lines"))
print(
    Measure.row(
        "hark load", load, megabytes, note: "\(segments) segments; \(String(format: "%.2f", load / scan))x the scan's time"))

print("\n== peak memory (VmHWM of a child process that does only this) ==")
let me = CommandLine.arguments[0]
let scanRSS = Int(try Measure.run(me, ["--child-scan", longPath]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
let loadRSS = Int(try Measure.run(me, ["--child-load", longPath]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
print(String(format: "byte scan (baseline)  %7.1f MB", Double(scanRSS) / 1e6))
print(
    String(
        format: "hark load             %7.1f MB  = %.2fx the file size (goal ≤ 1.5x)", Double(loadRSS) / 1e6,
        Double(loadRSS) / Double(fileSize)))

print("\n== search --count \"language model\" over 1,000 episodes, median of \(options.runs) ==")
// The folder, as a library is searched: both walk it themselves. (Given as
// 1,000 paths, hark also pays for ArgumentParser's handling of each one.)
var harkOutput = ""
let harkSearch = Measure.median(options.runs) {
    harkOutput = try Measure.run(options.hark, ["search", "--count", "language model", episodeFolder])
}
func total(_ output: String) -> Int {
    output.split(separator: "\n").compactMap { Int($0.split(separator: ":").last!) }.reduce(0, +)
}
if FileManager.default.isExecutableFile(atPath: "/usr/bin/rg") {
    var rgOutput = ""
    let rg = Measure.median(options.runs) {
        rgOutput = try Measure.run("/usr/bin/rg", ["-c", "-i", "language model", episodeFolder])
    }
    print(String(format: "rg -c -i (baseline)  %8.1f ms  %6d matching lines", rg * 1000, total(rgOutput)))
    print(
        String(
            format: "hark search --count  %8.1f ms  %6d matches  = %.2fx rg's time (goal ≤ 2x)", harkSearch * 1000,
            total(harkOutput), harkSearch / rg))
} else {
    print(
        String(
            format: "hark search --count  %8.1f ms  %6d matches  (no baseline: install ripgrep for rg's time)", harkSearch * 1000,
            total(harkOutput)))
}
let one = try TranscriptLoader.load(path: options.sample)
let matches = TextSearch.matches(of: SearchQuery("language model"), in: one)
let straddling = matches.filter { $0.lastSegment != $0.segment }.count
print("per episode: \(matches.count) matches, \(straddling) straddling two segments (grep and rg cannot see those)")

try topicsFigures(longPath)
try readerFigures(longPath)
try LibraryBenchmark.run(folder: episodeFolder, runs: options.runs)
try listeningFigures()
