import Glibc

/// A growable buffer of plain values in memory hark manages itself: the
/// continuous text of a transcript and its columns of segment fields.
///
/// Not an `Array`, for three measured reasons:
/// - the loader appends through raw pointers, with no uniqueness or bounds
///   check per element;
/// - it grows with `realloc`, which moves a large block by remapping its
///   pages, so growing never holds two copies in memory; and
///   `appendConsuming` hands pages back as it copies (see DECISIONS.md on
///   why memory, not parsing, bounds loading speed).
///
/// Written only while a transcript is built and immutable after, hence
/// `@unchecked Sendable`.
final class RawBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    // Unchecked: the loader touches these for every line, and a dynamic
    // exclusivity check each time cost a tenth of loading. A buffer is
    // only ever written by the one builder that owns it.
    @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<Element>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private(set) var capacity: Int

    init(capacity: Int = 64) {
        self.capacity = max(16, capacity)
        base = malloc(self.capacity * MemoryLayout<Element>.stride)!.assumingMemoryBound(to: Element.self)
    }

    deinit { free(base) }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    subscript(index: Int) -> Element {
        get {
            assert(index >= 0 && index < count)
            return base[index]
        }
        set {
            assert(index >= 0 && index < count)
            base[index] = newValue
        }
    }

    var last: Element? { count > 0 ? base[count - 1] : nil }

    /// Makes room for `extra` more elements and returns where they go. Call
    /// `didWrite(_:)` with how many were written.
    @inline(__always)
    func reserveTail(_ extra: Int) -> UnsafeMutablePointer<Element> {
        if count + extra > capacity { grow(to: count + extra) }
        return base + count
    }

    @inline(__always)
    func didWrite(_ written: Int) { count += written }

    @inline(__always)
    func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        base[count] = element
        count += 1
    }

    func append(_ elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, !elements.isEmpty else { return }
        reserveTail(elements.count).update(from: source, count: elements.count)
        count += elements.count
    }

    /// Appends all of `other`, adjusting each element, and empties `other`
    /// block by block as it goes, handing its pages back to the kernel: the
    /// two buffers never hold the data twice.
    func appendConsuming(_ other: RawBuffer<Element>, adjust: (inout Element) -> Void = { _ in }) {
        let total = other.count
        reserve(count + total)
        let block = max(1, (1 << 21) / MemoryLayout<Element>.stride)
        var done = 0
        while done < total {
            let n = min(block, total - done)
            let source = other.base + done
            for k in 0..<n { adjust(&source[k]) }
            (base + count).update(from: source, count: n)
            count += n
            other.releasePages(from: done, to: done + n)
            done += n
        }
        other.count = 0
    }

    /// Gives the whole pages inside elements `from..<to` back to the kernel.
    private func releasePages(from: Int, to: Int) {
        let page = 4096
        let start = (Int(bitPattern: base) + from * MemoryLayout<Element>.stride + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: base) + to * MemoryLayout<Element>.stride) & ~(page - 1)
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_DONTNEED) }
    }

    /// Drops the first `k` elements, moving the rest to the front.
    func discardFirst(_ k: Int) {
        let k = min(k, count)
        guard k > 0 else { return }
        base.update(from: base + k, count: count - k)
        count -= k
    }

    func truncate(to newCount: Int) { count = min(count, max(0, newCount)) }

    func reserve(_ total: Int) { if total > capacity { grow(to: total) } }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    private func grow(to needed: Int) {
        var newCapacity = max(capacity, 16)
        while newCapacity < needed { newCapacity += newCapacity / 2 + 64 }
        guard let moved = realloc(base, newCapacity * MemoryLayout<Element>.stride) else {
            fatalError("out of memory for \(newCapacity) elements")
        }
        base = moved.assumingMemoryBound(to: Element.self)
        capacity = newCapacity
    }
}

typealias ByteBuffer = RawBuffer<UInt8>
