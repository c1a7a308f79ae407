import Glibc

/// Numbers and columns laid out for text output, as `String(format:)` and
/// `padding(toLength:)` would (which need the whole of Foundation).
enum Fixed {
    /// `value` with `places` decimals, rounded as C's `%.*f` rounds it.
    static func decimals(_ value: Double, _ places: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 32)
        var length = 0
        repeat {
            if length >= buffer.count { buffer = [CChar](repeating: 0, count: length + 1) }
            length = Int(withVaList([Int32(places), value]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) })
        } while length >= buffer.count
        return String(decoding: buffer[..<max(length, 0)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `text` cut or filled with spaces to `width` characters.
    static func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }
}
