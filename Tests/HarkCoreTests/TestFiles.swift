import Foundation
import Testing

@testable import HarkCore

/// Writes test inputs to a private temporary folder and loads them.
enum TestFiles {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("hark-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func write(_ bytes: [UInt8], name: String) -> String {
        let url = folder.appendingPathComponent(UUID().uuidString + "-" + name)
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url.path
    }

    static func write(_ text: String, name: String) -> String { write(Array(text.utf8), name: name) }

    static func load(
        _ text: String, name: String, format: TranscriptFormat? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Transcript {
        try TranscriptLoader.load(path: write(text, name: name), format: format)
    }

    static func load(_ bytes: [UInt8], name: String) throws -> Transcript {
        try TranscriptLoader.load(path: write(bytes, name: name))
    }

    /// The sample interview in the repository's sample-data/.
    static var samplePath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("sample-data/gradient-dissent-sarah-catanzaro.whisper.txt").path
    }
}

extension Transcript {
    var texts: [String] { segments.map(\.text) }
    var warningKinds: [LoadWarning.Kind] { warnings.map(\.kind) }
}
