/// Reads parts of one large file at once, each into its own builder, then
/// joins them in order: the whisper text, SRT and WebVTT readers cut a file
/// where a line, or a cue, starts.
enum ParallelParts {
    /// What reading a part found out.
    struct Part {
        var lineCount: Int
        /// The part has rolling captions, whose repairs run across cues: the
        /// parts cannot be joined, the file is read again as a whole.
        var isRolling = false
        /// Warnings said once for the whole file; given here, not to the
        /// builder, so that two halves give one, as a whole read does.
        var fileWarnings: [FileWarning] = []
    }

    /// A warning said once for a file: at its first line, with how many
    /// times it applies when `countedAs` names what it counts.
    struct FileWarning {
        var kind: LoadWarning.Kind
        var firstLine: Int
        var count = 1
        var countedAs: String?
    }

    /// Reads `file` with `readPart`: as two halves at once when it is at
    /// least `threshold` bytes and read as it is, cut where `cut` says a
    /// part may start (at or after the middle), else whole.
    static func read(
        _ file: SourceFile, into builder: inout TranscriptBuilder, threshold: Int, bytesPerSegment: Int,
        cut: (SourceFile, Int) -> Int?,
        _ readPart: @escaping @Sendable (Int, SourceFile, inout TranscriptBuilder) throws -> Part
    ) throws {
        var warnings: [FileWarning]
        if file.byteCount >= threshold, let start = file.textStartOffset,
            let middle = cut(file, start + (file.byteCount - start) / 2), middle < file.byteCount,
            let joined = try read(file, parts: [start..<middle, middle..<file.byteCount], into: &builder, readPart)
        {
            warnings = joined
        } else {
            builder.reserve(segments: file.byteCount / bytesPerSegment + 16, textBytes: file.byteCount)
            warnings = try readPart(0, file, &builder).fileWarnings
        }
        // One warning a kind: the first line, the counts added up.
        var merged: [FileWarning] = []
        for warning in warnings {
            if let k = merged.firstIndex(where: { $0.kind == warning.kind }) {
                merged[k].count += warning.count
            } else {
                merged.append(warning)
            }
        }
        for warning in merged {
            builder.warn(warning.kind, line: warning.firstLine, detail: warning.countedAs.map { "\(warning.count) \($0)" })
        }
    }

    /// Reads `parts` of `file` with `readPart` (given the part's number and
    /// its file, which starts where the part does, the same open file);
    /// returns the parts' file warnings with their lines in the whole file,
    /// or nil, leaving `builder` alone, when the file must be read as a
    /// whole after all.
    private static func read(
        _ file: SourceFile, parts: [Range<Int>], into builder: inout TranscriptBuilder,
        _ readPart: @escaping @Sendable (Int, SourceFile, inout TranscriptBuilder) throws -> Part
    ) throws -> [FileWarning]? {
        final class Result: @unchecked Sendable {
            let file: SourceFile
            var builder = TranscriptBuilder()
            var part = Part(lineCount: 0)
            var error: Error?
            init(_ file: SourceFile) { self.file = file }
        }
        // Everything large is allocated here, before the threads start, and
        // freed after they end (see `SourceFile.init(partOf:byteRange:)`).
        let results = try parts.enumerated().map { k, range in
            let result = Result(try SourceFile(partOf: file, byteRange: range))
            // The first part's builder takes the others' in the end: room for all of them, whose
            // pages are only touched as the text comes, so that joining copies them once.
            let room = k == 0 ? parts.reduce(0) { $0 + $1.count } : range.count
            result.builder.reserve(segments: room / 40 + 16, textBytes: room)
            return result
        }
        Parallel.onThreads(parts.count) { k in
            let result = results[k]
            do {
                result.part = try readPart(k, result.file, &result.builder)
            } catch {
                result.error = error
            }
        }
        if let error = results.lazy.compactMap(\.error).first { throw error }
        if results.contains(where: \.part.isRolling) { return nil }
        builder = results[0].builder
        var warnings = results[0].part.fileWarnings
        var lineOffset = results[0].part.lineCount
        for result in results.dropFirst() {
            builder.appendPart(&result.builder, lineOffset: lineOffset)
            warnings += result.part.fileWarnings.map { warning in
                var shifted = warning
                shifted.firstLine += lineOffset
                return shifted
            }
            lineOffset += result.part.lineCount
        }
        return warnings
    }
}

/// A reader's state between lines. A struct with mutating methods rather
/// than a closure's captured variables, which cost a dynamic exclusivity
/// check at every use.
protocol LineReader {
    mutating func take(_ line: Bytes, number: Int, into builder: inout TranscriptBuilder)
    /// Takes `line` and, where it can, lines after it from `rest` (the
    /// bytes read after it) at once; returns what it took of `rest`.
    mutating func take(_ line: Bytes, number: Int, before rest: Bytes, into builder: inout TranscriptBuilder) -> LinesTaken
    mutating func finish(into builder: inout TranscriptBuilder)
    /// The captions roll: parts of the file cannot be read apart.
    var isRolling: Bool { get }
    /// Warnings said once for the file (see `ParallelParts.FileWarning`).
    var fileWarnings: [ParallelParts.FileWarning] { get }
}

extension LineReader {
    /// One line at a time.
    mutating func take(_ line: Bytes, number: Int, before rest: Bytes, into builder: inout TranscriptBuilder) -> LinesTaken {
        take(line, number: number, into: &builder)
        return .none
    }

    /// Feeds every line of `file` through, warns of lines cut for length,
    /// and says how the part went.
    mutating func read(_ file: SourceFile, into builder: inout TranscriptBuilder) throws -> ParallelParts.Part {
        var lineCount = 0
        try file.forEachLineLookingAhead { line, number, rest in
            let taken = take(line, number: number, before: rest, into: &builder)
            lineCount = number + taken.lines
            return taken
        }
        for line in file.cutLines { builder.warn(.lineTooLong, line: line) }
        finish(into: &builder)
        return ParallelParts.Part(lineCount: lineCount, isRolling: isRolling, fileWarnings: fileWarnings)
    }
}

extension SourceFile {
    /// Calls `body` with the whole lines that start after `offset`, within
    /// 64 KB of it, each with where it starts in the file and the line
    /// before it, until `body` returns false. For finding where to cut a
    /// file into parts.
    func withLines(after offset: Int, _ body: (Bytes, Int, (line: Bytes, start: Int)?) -> Bool) {
        var window = [UInt8](repeating: 0, count: 1 << 16)
        let n = window.withUnsafeMutableBytes { readBytes(into: $0, at: offset) }
        guard n > 0 else { return }
        window.withUnsafeBufferPointer { buffer in
            let bytes = Bytes(rebasing: buffer[..<n])
            // The first line may be cut: start after its end.
            guard let firstEnd = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return }
            var start = firstEnd + 1
            if bytes[firstEnd] == 0x0D && start < n && bytes[start] == 0x0A { start += 1 }
            var previous: (line: Bytes, start: Int)?
            while start < n {
                guard let end = bytes[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return }
                let line = Bytes(rebasing: bytes[start..<end])
                if !body(line, offset + start, previous) { return }
                previous = (line, offset + start)
                start = end + 1
                if bytes[end] == 0x0D && start < n && bytes[start] == 0x0A { start += 1 }
            }
        }
    }
}
