import FoundationEssentials

/// The sample interview `hark` opens when given no file.
public enum SampleData {
    public static let fileName = "gradient-dissent-sarah-catanzaro.whisper.txt"

    /// `sample-data/` in the current directory, else in the checkout this
    /// binary was built from (so `swift run hark` works from anywhere in it).
    public static func transcriptPath(sourceFile: String = #filePath) -> String? {
        let fileManager = FileManager.default
        let local = "sample-data/" + fileName
        if fileManager.fileExists(atPath: local) { return local }
        // Sources/HarkCommands/SampleData.swift → the package root.
        let root = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let built = root.appendingPathComponent("sample-data").appendingPathComponent(fileName).path
        return fileManager.fileExists(atPath: built) ? built : nil
    }
}
