/// TOML text for the values hark writes: strings, keys and integers. Each
/// reads back through `TOML.parse` as the value it was made from.
public enum TOMLWriter {
    /// A basic string (`"…"`). Quotes and backslashes are escaped; so is
    /// every control character (C0, DEL and C1, which TOML would allow in
    /// part but a terminal showing the file would act on): the usual
    /// short escapes where TOML has one, `\uXXXX` otherwise. A string of
    /// several lines stays on one line, with `\n`.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A key: bare when TOML allows it (letters, digits, `_` and `-`), else quoted.
    public static func key(_ key: String) -> String {
        let bare =
            !key.isEmpty
            && key.utf8.allSatisfy { byte in
                (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                    || byte == 0x5F || byte == 0x2D
            }
        return bare ? key : string(key)
    }

    public static func integer(_ value: Int) -> String { String(value) }
}
