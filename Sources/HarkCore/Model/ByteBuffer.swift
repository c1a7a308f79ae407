import Foundation

/// A growable buffer of plain values in memory hark manages itself: the
/// continuous text of a transcript and its columns of segment fields.
///
/// Not an `Array`, for three measured reasons:
/// - the loader appends through raw pointers, with no uniqueness or bounds
///   check per element;
/// - it grows with `realloc`, which moves a large block by remapping its
///   pages, so growing never holds two copies in memory;
/// - large buffers ask the kernel for huge pages: loading a 1,000-hour file
///   spends more time in page faults than in parsing otherwise.
///
/// Written only while a transcript is built and immutable after, hence
/// `@unchecked Sendable`.
final class RawBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 64) {
        self.capacity = max(16, capacity)
        base = malloc(self.capacity * MemoryLayout<Element>.stride)!.assumingMemoryBound(to: Element.self)
        adviseHugePages()
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
        adviseHugePages()
    }

    /// Huge pages for the aligned middle of a large block (a no-op where the
    /// kernel has them off). Pages not yet touched still cost nothing.
    private func adviseHugePages() {
        let bytes = capacity * MemoryLayout<Element>.stride
        let hugePage = 2 << 20
        guard bytes >= 2 * hugePage else { return }
        let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
        let end = (Int(bitPattern: base) + bytes) & ~(hugePage - 1)
        if end > start {
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
        }
    }
}

typealias ByteBuffer = RawBuffer<UInt8>
