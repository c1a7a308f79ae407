import Foundation
import HarkCore

/// Helpers shared by the test targets: where the repository's files are,
/// temporary files, text snapshots. Kept free of any test framework so that
/// each test target asserts in its own way.
public enum TestSupport {
    /// The repository's root folder.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var samplePath: String {
        repositoryRoot.appendingPathComponent("sample-data/gradient-dissent-sarah-catanzaro.whisper.txt").path
    }

    public static func sample() throws -> Transcript { try TranscriptLoader.load(path: samplePath) }

    /// A folder of its own for this test process.
    public static let temporaryFolder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hark-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    public static func write(_ text: String, name: String) -> String {
        let path = temporaryFolder.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// Compares `actual` with the snapshot `name` stored beside the tests
    /// (`Tests/<target>/Snapshots/<name>.txt`). Returns nil when they match,
    /// else a description of the difference. With HARK_RECORD_SNAPSHOTS=1 in
    /// the environment the snapshot is written instead.
    public static func compareSnapshot(_ actual: String, named name: String, testFile: String = #filePath) -> String? {
        let folder = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Snapshots")
        let url = folder.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["HARK_RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? Data((actual + "\n").utf8).write(to: url)
            return nil
        }
        guard let stored = try? String(contentsOf: url, encoding: .utf8) else {
            return "no snapshot \(url.path); run the tests with HARK_RECORD_SNAPSHOTS=1 to record it"
        }
        let expected = stored.hasSuffix("\n") ? String(stored.dropLast()) : stored
        guard expected != actual else { return nil }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for k in 0..<max(a.count, b.count) where (k < a.count ? a[k] : "") != (k < b.count ? b[k] : "") {
            return
                "snapshot \(name) differs at line \(k + 1):\n  expected: \(k < a.count ? a[k] : "")\n  actual:   \(k < b.count ? b[k] : "")"
        }
        return "snapshot \(name) differs"
    }
}
