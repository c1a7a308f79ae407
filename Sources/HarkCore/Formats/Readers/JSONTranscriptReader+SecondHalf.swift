import Synchronization

extension JSONTranscriptReader {
    /// The second half of a large JSON file, read on another thread while
    /// the first half is read here: from an item of the segments array found
    /// near the middle of the file to the array's end.
    ///
    /// Where an item starts cannot be known without reading what is before
    /// it (the bytes could be inside a string, or a word of a segment's
    /// `words`), so the place is a guess, checked by the first half's reader:
    /// only if it reaches an item of its segments array exactly there is the
    /// second half taken, and only if that half was read without a warning
    /// (whose line and item number it cannot know). Otherwise the first
    /// half's reader reads on as if there were no second half, and the file
    /// is read as a whole would be, in the time a whole read takes.
    final class SecondHalf: @unchecked Sendable {
        /// What the second half read: its items as segments, up to the array's end.
        struct Items {
            var builder: TranscriptBuilder
            /// The start of its first item: the end of the item before it, when that has none.
            var firstStart: Milliseconds
            var hasSpeakers: Bool
            /// Where the array's `]` is, from the half's start, and how many line ends come before it.
            var arrayEnd: Int
            var newlines: Int
        }

        /// Where the half starts: in the file, and in the text the first
        /// half's scanner reads (after a byte order mark).
        let fileOffset: Int
        let split: Int
        /// The first half's file, read on after the second half when it is taken.
        let firstHalf: SourceFile
        /// The thread's own state: all it holds, so that this half is freed here, not there.
        private let reading: Reading
        private let work: Parallel.Started

        private init(fileOffset: Int, split: Int, firstHalf: SourceFile, reading: Reading) {
            self.fileOffset = fileOffset
            self.split = split
            self.firstHalf = firstHalf
            self.reading = reading
            work = Parallel.start { [reading] in reading.read() }
        }

        /// Stops the reading if it is still going, and waits for its thread.
        deinit { stop() }

        /// Starts reading the second half of `file` if it is `threshold`
        /// bytes or more, UTF-8 as it is, and an item seems to start near its middle.
        static func start(for file: SourceFile, threshold: Int) -> SecondHalf? {
            guard file.byteCount >= threshold, let textStart = file.textStartOffset,
                let start = itemStart(in: file, after: textStart + (file.byteCount - textStart) / 2),
                let half = try? SourceFile(partOf: file, byteRange: start..<file.byteCount)
            else { return nil }
            // Its memory taken here, before the thread starts (see `ParallelParts`).
            return SecondHalf(fileOffset: start, split: start - textStart, firstHalf: file, reading: Reading(half))
        }

        /// The second half's items, once read; nil when they cannot be taken.
        func wait() -> Items? {
            work.wait()
            return reading.items
        }

        /// Stops the reading at its next item (it is of no use once the first
        /// half has passed its start, or ended) and waits for its thread.
        func stop() {
            reading.stopped.store(true, ordering: .relaxed)
            work.wait()
        }

        /// The second half's reading, its scanner and builder made before its thread starts.
        private final class Reading: @unchecked Sendable {
            var scanner: JSONScanner
            var builder = TranscriptBuilder()
            /// What was read, for the first half to take after `wait()`.
            var items: Items?
            let stopped = Atomic(false)

            init(_ file: SourceFile) {
                scanner = JSONScanner(source: file.read(into:))
                // Guessed from openai-whisper's items, about 350 bytes for 60 of text.
                let bytes = file.byteCount / 2
                builder.reserve(segments: bytes / 300 + 16, textBytes: bytes / 5)
            }

            /// Reads the items, up to the array's end, into `items` when they can be taken.
            func read() {
                var reader = ItemReader()
                do {
                    try reader.readItemsFromTheMiddle(&scanner, into: &builder) { !self.stopped.load(ordering: .relaxed) }
                } catch {
                    return
                }
                let arrayEnd = scanner.offset - 1
                let newlines = scanner.line() - 1
                reader.finish(into: &builder)
                guard reader.shape == .segments, builder.warnings.isEmpty, let firstStart = reader.firstStart else { return }
                items = Items(
                    builder: builder, firstStart: firstStart, hasSpeakers: reader.hasSpeakers, arrayEnd: arrayEnd,
                    newlines: newlines)
            }
        }

        /// The first object after `offset` (within 256 KB) that follows a
        /// comma and reads as a segment: an object with a `text`, which a
        /// word of a segment's `words` has not.
        static func itemStart(in file: SourceFile, after offset: Int) -> Int? {
            var window = [UInt8](repeating: 0, count: 1 << 18)
            let n = window.withUnsafeMutableBytes { file.readBytes(into: $0, at: offset) }
            return window.withUnsafeBufferPointer { bytes -> Int? in
                var from = 0
                while let brace = bytes[from..<n].firstIndex(of: 0x7B) {
                    from = brace + 1
                    var k = brace - 1
                    while k >= 0, bytes[k] == 0x20 || bytes[k] == 0x0A || bytes[k] == 0x0D || bytes[k] == 0x09 { k -= 1 }
                    guard k >= 0, bytes[k] == 0x2C else { continue }
                    if isSegment(UnsafeBufferPointer(rebasing: bytes[brace..<n])) { return offset + brace }
                }
                return nil
            }
        }

        /// Whether `bytes` start with a whole object that has a `text`.
        private static func isSegment(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var used = 0
            var scanner = JSONScanner(windowSize: 4096) { buffer in
                let n = min(buffer.count, bytes.count - used)
                buffer.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[used..<used + n])))
                used += n
                return n
            }
            var hasText = false
            do {
                try scanner.members { scanner, key throws(JSONScanner.Failure) in
                    if key == "text" { hasText = true }
                    try scanner.skip()
                }
            } catch {
                return false
            }
            return hasText
        }
    }
}
