extension TranscriptLoader {
    /// Files this large are previewed: below it, the whole load takes less
    /// than a tenth of a second, and a preview would only add to it.
    public static let previewThreshold = 24 << 20

    /// The first part of a large file, read quickly so that the reader can
    /// show its first screen while the whole file loads: the segments of
    /// about the first `bytes` bytes, as `load` would read them (the last may
    /// be cut short). Nil when the file is smaller than that, or is not read
    /// as it is (a transcoded encoding), or its first part holds no segment:
    /// then there is nothing to gain, and `load` says what is wrong.
    public static func loadPreview(
        path: String, format: TranscriptFormat? = nil, bytes: Int = 1 << 20, threshold: Int = previewThreshold
    ) -> Transcript? {
        guard let file = try? SourceFile(path: path), file.encoding == .utf8, let start = file.textStartOffset,
            file.byteCount >= start + max(threshold, 2 * bytes), let detected = detect(format, in: file)
        else { return nil }
        var builder = TranscriptBuilder()
        let loadedFormat: TranscriptFormat
        do {
            switch detected {
            case .json:
                // A JSON file's first bytes may be a field before the segments
                // (openai-whisper's whole "text"): its first items, not bytes.
                loadedFormat = try JSONTranscriptReader.read(file, path: path, into: &builder, itemLimit: bytes / 256)
            case .text:
                guard let end = file.lineStart(after: start + bytes) else { return nil }
                let part = try SourceFile(path: path, byteRange: start..<end)
                loadedFormat = try read(detected, from: part, into: &builder, parallelThreshold: .max)
            }
        } catch {
            return nil
        }
        // Invalid UTF-8 may be a Windows-1252 file, which only the whole
        // load can tell and transcode: no preview then, as for any transcoded file.
        guard builder.segmentCount > 0, !builder.sawReplacementCharacters else { return nil }
        return builder.build(source: path, format: loadedFormat)
    }
}
