import Dispatch
import Foundation
import HarkCore
import HarkTopics

/// What the side pane lists about the subject of the conversation.
public struct FoundTopics: Sendable {
    public var topics: [Topic]
    public var chapters: [Chapter]
    /// Whether the topics came from a topics file (else hark found them).
    public var fromFile: Bool
}

/// Finds topics and chapters on another thread: they take most of a second
/// on a 1,000-hour transcript, and the first frame must not wait for them.
final class TopicsJob: @unchecked Sendable {
    private let index: SearchIndex
    private let definitions: [TopicDefinition]?
    private let lock = NSLock()
    private var result: FoundTopics?
    private var started = false
    private let group = DispatchGroup()

    /// The search index lends its folded text to the keyword matching.
    init(index: SearchIndex, definitions: [TopicDefinition]?) {
        self.index = index
        self.definitions = definitions
    }

    func start() {
        let first = lock.withLock {
            defer { started = true }
            return !started
        }
        guard first else { return }
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let found = Self.find(index, definitions)
            lock.withLock { result = found }
            group.leave()
        }
    }

    func wait() {
        start()
        group.wait()
    }

    var value: FoundTopics? { lock.withLock { result } }

    static func find(_ index: SearchIndex, _ definitions: [TopicDefinition]?) -> FoundTopics {
        let analysis = TopicAnalysis(index.transcript)
        if let definitions {
            return FoundTopics(
                topics: TopicFinder.topics(definitions, source: .file, using: index), chapters: analysis.chapters, fromFile: true)
        }
        return FoundTopics(topics: analysis.automaticTopics(), chapters: analysis.chapters, fromFile: false)
    }
}

extension ReaderDocument {
    /// The topics and chapters, once found (see `doBackgroundWork`).
    public var topics: FoundTopics? { topicsJob.value }
}
