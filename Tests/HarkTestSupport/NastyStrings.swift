/// Strings that break naive writers of quoted text: quotes of every kind,
/// backslashes, line ends, control characters (C0, DEL, C1), TOML's own
/// delimiters, and Unicode beyond the Basic Multilingual Plane. Seeded, so
/// a failure is the same on every run.
public enum NastyStrings {
    public static let examples = [
        "", " ", "\"", "\\", "\"\"\"", "'''", "a\"b'c", "C:\\Users\\new", "line\nnext", "crlf\r\nend", "\t tab",
        "\u{0}nul", "\u{1B}[2J", "\u{7F}del", "\u{85}next line", "\u{9B}csi", "\u{2028}separator", "é and é",
        "😀 and 🇫🇷", "# not a comment", "key = \"value\"", "[[mark]]", "\\u0041", "trailing \\",
        "«guillemets» “curly” ‘single’", "עברית mixed", "\u{FEFF}bom",
    ]

    static let pieces: [String] = examples + ["a", "b", "Sarah", " ", "\n", "\"", "\\", "=", "[", "]", "#", "\u{8}", "\u{C}"]

    /// A random string of up to `length` pieces.
    public static func random(_ generator: inout SeededGenerator, length: Int = 6) -> String {
        (0..<Int(generator.next() % UInt64(length + 1))).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
            .joined()
    }
}
