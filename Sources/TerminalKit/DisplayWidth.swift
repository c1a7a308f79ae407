import CTerminalSupport

/// Terminal column widths, counted as ncurses and tmux count them (glibc's
/// wcwidth): laying text out with any other rule puts it in the wrong columns.
public enum DisplayWidth {
    /// Columns for one scalar: 0 for combining marks, 2 for wide characters.
    /// Anything unprintable counts 1: it is drawn as a replacement.
    @inline(__always)
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }
        let width = Int(hark_wcwidth(value))
        return width < 0 ? 1 : width
    }

    /// Columns for a grapheme cluster: its scalars' widths added up, as
    /// ncurses adds them (a base letter and its combining marks take one).
    public static func of(_ character: Character) -> Int {
        var total = 0
        for scalar in character.unicodeScalars { total += of(scalar) }
        return total
    }

    public static func of(_ text: Substring) -> Int {
        var total = 0
        for scalar in text.unicodeScalars { total += of(scalar) }
        return total
    }

    public static func of(_ text: String) -> Int { of(text[...]) }

    /// The longest prefix of `text` that fits in `columns`.
    public static func prefix(of text: String, fitting columns: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let width = of(text[index])
            if used + width > columns { break }
            used += width
            end = text.index(after: index)
        }
        return text[..<end]
    }
}
