import HarkCore
import HarkTopics
import TerminalKit

/// The library screen (`hark DIR`, `hark FILE FILE…`): one row per
/// transcript, loaded in the background, sorted as asked, and a search of
/// every transcript at once whose results are a keyword-in-context list.
/// Row `k` is `files[k]` of the reader's state, so opening a row is `:n`'s
/// way of opening a file.
public struct LibraryState: Sendable {
    public enum Row: Sendable {
        case loading
        case loaded(LibraryTranscript)
        case failed(String)
        /// Found in a folder and not a transcript (a README): not listed.
        case skipped
    }

    public enum Sort: String, CaseIterable, Sendable {
        case given = "as found"
        case name, duration, matches
        var next: Sort { Sort.allCases[(Sort.allCases.firstIndex(of: self)! + 1) % Sort.allCases.count] }
    }

    public internal(set) var rows: [Row]
    /// Each file's name as listed: its path below the folder all the files
    /// are in (`sub/ep2.srt`).
    public let names: [String]
    /// The widest of `names`, in columns.
    public let longestName: Int
    public internal(set) var sort = Sort.given
    /// The rows listed (not skipped), in the order shown.
    public internal(set) var order: [Int] = []
    /// Where the selection is in `order`, and the first row shown.
    public internal(set) var selected = 0
    public internal(set) var top = 0
    /// Whether the library is on screen (else the open file is).
    public internal(set) var showing = true
    /// The search of every transcript, while its results are listed.
    public internal(set) var search: LibrarySearch?
    /// What is counted in each row's strips: the highlights.
    public internal(set) var counted: [String] = []
    /// The search of every transcript under way off the loop, and the
    /// recount of the strips (a row shows its old strips until it ends).
    public internal(set) var searching: (generation: Int, pattern: String)?
    var counting: Int?
    /// Numbers each search and recount, so that only the last one asked is taken.
    var generation = 0
    /// The topics of every transcript whose topics are found, one a name
    /// (as `hark topics DIR` gathers them), most minutes first.
    public internal(set) var topics: [LibraryTopic] = []
    /// The topics list (`t`), and a topic's passages in every transcript, while shown.
    public internal(set) var topicList: LibraryTopicList?
    /// The topics the user gave a strip (`s` in the topics list), in the
    /// order chosen; none chosen, the strips are the topics with the most time.
    public internal(set) var stripped: [String] = []

    public init(files: [String]) {
        rows = Array(repeating: .loading, count: files.count)
        order = Array(files.indices)
        names = Self.names(of: files)
        longestName = names.map { DisplayWidth.of($0) }.max() ?? 0
    }

    static func names(of files: [String]) -> [String] {
        let folders = files.map { $0.split(separator: "/", omittingEmptySubsequences: false).dropLast() }
        var common = folders.first.map(Array.init) ?? []
        for folder in folders.dropFirst() {
            common = Array(zip(common, folder).prefix { $0 == $1 }.map(\.0))
        }
        return files.map { path in
            path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(common.count).joined(separator: "/")
        }
    }

    public var loadedCount: Int { rows.count { if case .loading = $0 { false } else { true } } }
    public var isLoading: Bool { loadedCount < rows.count }

    public func file(_ index: Int) -> LibraryTranscript? {
        if case .loaded(let file) = rows[index] { file } else { nil }
    }

    /// The row selected, as an index into `files`.
    public var selectedFile: Int? { order.indices.contains(selected) ? order[selected] : nil }

    /// Sorts the listed rows again, keeping the same row selected.
    mutating func reorder() {
        let keep = selectedFile
        var listed = rows.indices.filter { if case .skipped = rows[$0] { false } else { true } }
        // Longest and most matched first; rows still loading last; ties in the order found.
        let files = rows.indices.map { file($0) }
        let duration = { (k: Int) in -(files[k]?.transcript.duration ?? -1) }
        let matches = { (k: Int) in -(files[k]?.totalMatches ?? -1) }
        switch sort {
        case .given: break
        case .name:
            let folded = names.map { $0.lowercased() }
            listed.sort { (folded[$0], $0) < (folded[$1], $1) }
        case .duration: listed.sort { (duration($0), $0) < (duration($1), $1) }
        case .matches: listed.sort { (matches($0), $0) < (matches($1), $1) }
        }
        order = listed
        if let keep, let position = order.firstIndex(of: keep) { selected = position }
        selected = max(0, min(selected, order.count - 1))
    }
}

/// A topic across the library: the same name in several transcripts is one topic.
public struct LibraryTopic: Sendable, Equatable {
    public var name: String
    public var source: TopicSource
    /// The colour its topics file gives it, if any (the first file's that does).
    public var colour: String?
    /// How many transcripts have passages of it, and their time in all.
    public var transcripts: Int
    public var duration: Milliseconds
}

/// A topic of one transcript, as the library keeps it: its passages.
public struct LibraryFileTopic: Sendable, Equatable {
    public var name: String
    public var source: TopicSource
    public var colour: String?
    public var passages: [Passage]

    public init(name: String, source: TopicSource, colour: String? = nil, passages: [Passage]) {
        self.name = name
        self.source = source
        self.colour = colour
        self.passages = passages
    }

    public var duration: Milliseconds { passages.reduce(0) { $0 + ($1.end - $1.start) } }
}

/// What finding one transcript's topics gave: its topics, or why there are none.
public enum LibraryFileTopics: Sendable, Equatable {
    case found([LibraryFileTopic])
    /// Its topics file could not be read (`hark topics` says the same).
    case failed(String)
}

/// `t` in the library: every topic, then one topic's passages in every transcript.
public struct LibraryTopicList: Sendable {
    public struct Passage: Sendable, Equatable {
        public var file: Int
        public var passage: HarkTopics.Passage
    }

    public internal(set) var selected = 0
    public internal(set) var top = 0
    /// A topic opened (Enter): its passages in file then time order.
    public struct Opened: Sendable {
        public var name: String
        public var passages: [Passage]
        public internal(set) var selected = 0
        public internal(set) var top = 0
    }

    public internal(set) var opened: Opened?
}

/// A transcript of the library, loaded, with where each counted word occurs.
public struct LibraryTranscript: Sendable {
    public let transcript: Transcript
    /// Its topics, once found off the loop after every row is loaded (nil until then).
    public internal(set) var topics: LibraryFileTopics?
    /// The words counted in `strips`.
    public private(set) var counted: [String] = []
    /// For each counted word: its matches in `LibraryTranscript.bins`
    /// stretches of the interview.
    public private(set) var strips: [[Int]] = []
    public var totalMatches: Int { strips.joined().reduce(0, +) }

    public static let bins = 60

    public init(_ transcript: Transcript) { self.transcript = transcript }

    /// Counts `words` in the transcript, by stretch of time (the runner does
    /// it as it loads the file and when the words change; the state only
    /// for a file that arrives counted for words since changed).
    public mutating func count(_ words: [String]) {
        guard words != counted || strips.count != words.count else { return }
        take(words, strips: Self.strips(of: words, in: transcript))
    }

    /// Strips counted elsewhere (off the loop) for `words`.
    mutating func take(_ words: [String], strips: [[Int]]) {
        counted = words
        self.strips = strips
    }

    /// For each word: its matches in each of `bins` stretches of the interview.
    public static func strips(of words: [String], in transcript: Transcript) -> [[Int]] {
        words.map { word in
            var bins = [Int](repeating: 0, count: Self.bins)
            let duration = max(1, transcript.duration)
            for match in TextSearch.matches(of: SearchQuery(word), in: transcript) {
                let bin = Int(transcript.start(of: match.segment) * Int64(Self.bins) / (duration + 1))
                bins[min(Self.bins - 1, max(0, bin))] += 1
            }
            return bins
        }
    }
}

/// A search of every transcript: one result a match, in file order then time.
public struct LibrarySearch: Sendable {
    public struct Result: Sendable, Equatable {
        public var file: Int
        public var match: SearchMatch
        public init(file: Int, match: SearchMatch) {
            self.file = file
            self.match = match
        }
    }

    public var pattern: String
    public internal(set) var results: [Result]
    /// Files not searched: still loading when the search was made.
    public internal(set) var unsearched: Int
    public internal(set) var selected = 0
    public internal(set) var top = 0
}
