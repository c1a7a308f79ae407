/// Accumulates an export as UTF-8 bytes and hands it out in 64 KiB pieces,
/// so that a 1,000-hour export streams instead of building one huge string,
/// and transcript text goes out as the bytes it is stored as.
struct ExportWriter {
    private var buffer: [UInt8] = []
    private let emit: (UnsafeBufferPointer<UInt8>) -> Void

    init(emit: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        self.emit = emit
        buffer.reserveCapacity(1 << 17)
    }

    mutating func write(_ text: StaticString) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        flushIfFull()
    }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        flushIfFull()
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        flushIfFull()
    }

    mutating func write(byte: UInt8) { buffer.append(byte) }

    /// `bytes`, with each byte the table has an escape for replaced by it.
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>, escaping table: EscapeTable) {
        var runStart = 0
        for k in 0..<bytes.count {
            guard let escaped = table.escapes[Int(bytes[k])] else { continue }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<k]))
            write(escaped)
            runStart = k + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        flushIfFull()
    }

    /// A non-negative number in decimal, at least `width` digits.
    mutating func write(number: UInt64, width: Int = 1) {
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var value = number
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = 0x30 + UInt8(value % 10)
                value /= 10
                count += 1
            } while value > 0
            while count < width {
                raw[count] = 0x30
                count += 1
            }
            for k in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[k]) }
        }
    }

    /// `hh:mm:ss<separator>mmm`, as SRT and WebVTT write times.
    mutating func write(subtitleTime ms: Milliseconds, separator: UInt8) {
        let m = UInt64(max(0, ms))
        write(number: m / 3_600_000, width: 2)
        buffer.append(0x3A)
        write(number: m / 60_000 % 60, width: 2)
        buffer.append(0x3A)
        write(number: m / 1000 % 60, width: 2)
        buffer.append(separator)
        write(number: m % 1000, width: 3)
    }

    /// Seconds with millisecond precision and no trailing zeros, as JSON
    /// carries times (`TimeFormat.seconds`, without making a string).
    mutating func write(seconds ms: Milliseconds) {
        if ms < 0 { buffer.append(0x2D) }
        let m = ms.magnitude
        write(number: m / 1000)
        buffer.append(0x2E)
        var fraction = m % 1000
        if fraction == 0 {
            buffer.append(0x30)
            return
        }
        var width = 3
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        write(number: fraction, width: width)
    }

    mutating func finish() {
        if !buffer.isEmpty { buffer.withUnsafeBufferPointer(emit) }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func flushIfFull() {
        if buffer.count >= 1 << 16 { finish() }
    }
}

/// Which bytes an export format escapes, and as what: a table, so that the
/// loop over every byte of text does one lookup.
struct EscapeTable: Sendable {
    let escapes: [StaticString?]

    init(_ map: [UInt8: StaticString]) {
        var escapes = [StaticString?](repeating: nil, count: 256)
        for (byte, escaped) in map { escapes[Int(byte)] = escaped }
        self.escapes = escapes
    }
}
