import HarkCore
import ReaderState
import Synchronization

/// The library's work off the loop: every transcript searched, or its
/// strips counted, on every core.
public enum LibraryWork {
    /// Every match of `pattern`, in file then time order.
    public static func search(
        _ pattern: String, in transcripts: [(file: Int, transcript: Transcript)]
    ) -> [LibrarySearch.Result] {
        let query = SearchQuery(pattern)
        let found = Parallel.map(transcripts.count) { k in
            let (file, transcript) = transcripts[k]
            return TextSearch.matches(of: query, in: transcript).map { LibrarySearch.Result(file: file, match: $0) }
        }
        return Array(found.joined())
    }

    /// Each file's strips for `words`.
    public static func count(_ words: [String], in transcripts: [(file: Int, transcript: Transcript)]) -> [Int: [[Int]]] {
        let strips = Parallel.map(transcripts.count) { k in LibraryTranscript.strips(of: words, in: transcripts[k].transcript) }
        var byFile: [Int: [[Int]]] = [:]
        for (k, counted) in strips.enumerated() { byFile[transcripts[k].file] = counted }
        return byFile
    }
}

/// The library's transcripts, by file, as the runner loads them (the same
/// storage as the state's rows: a transcript is a value), and the words
/// each new one is counted for. Filled from the loading threads.
final class LibraryShelf: Sendable {
    private struct Contents {
        var transcripts: [(file: Int, transcript: Transcript)] = []
        var words: [String] = []
    }
    private let contents = Mutex(Contents())

    func add(_ file: Int, _ transcript: Transcript) { contents.withLock { $0.transcripts.append((file, transcript)) } }
    /// The files loaded so far, in file order.
    var transcripts: [(file: Int, transcript: Transcript)] {
        contents.withLock { $0.transcripts }.sorted { $0.file < $1.file }
    }
    /// The words files loaded from now on are counted for.
    func count(_ words: [String]) { contents.withLock { $0.words = words } }
    var words: [String] { contents.withLock { $0.words } }
}

/// Topics found for the library's files, posted to the loop a few files at
/// a time (each message makes the state gather every file's topics again).
final class LibraryTopicsBatch: Sendable {
    private let mailbox: Mailbox<EffectRunner.Delivery>
    private let size: Int
    private let found = Mutex([Int: LibraryFileTopics]())

    init(mailbox: Mailbox<EffectRunner.Delivery>, size: Int) {
        self.mailbox = mailbox
        self.size = size
    }

    func add(_ file: Int, _ topics: LibraryFileTopics) {
        let full = found.withLock { found -> [Int: LibraryFileTopics]? in
            found[file] = topics
            guard found.count >= size else { return nil }
            defer { found = [:] }
            return found
        }
        if let full { mailbox.post(.event(.libraryTopicsFound(full))) }
    }

    func flush() {
        let rest = found.withLock { found in
            defer { found = [:] }
            return found
        }
        if !rest.isEmpty { mailbox.post(.event(.libraryTopicsFound(rest))) }
    }
}
