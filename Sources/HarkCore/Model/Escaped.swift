/// Text from outside hark (file names, messages that quote a file) as it
/// may be printed: no control character (C0, DEL, C1) ever reaches a
/// terminal, where it could start an escape sequence.
public enum Escaped {
    /// Whether `scalar` is a control character: C0, DEL or C1.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// A file or other name, as `ls` shows one with control characters in
    /// it: unchanged when it has none, else quoted as `$'…'` with each
    /// control character written as an escape (`$'talk\033[2J.srt'`).
    public static func name(_ name: String) -> String {
        guard name.unicodeScalars.contains(where: isControl) else { return name }
        var out = "$'"
        for scalar in name.unicodeScalars {
            switch scalar {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if isControl(scalar) {
                    // As octal bytes, the way the shell reads them back (C1 is two bytes in UTF-8).
                    for byte in String(scalar).utf8 { out += "\\" + octal(byte) }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "'"
    }

    /// A message (which may quote a file's bytes): each control character
    /// other than a tab becomes a visible `\x1B`-style escape.
    public static func message(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && $0 != "\t" }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) && scalar != "\t" {
                out += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func octal(_ byte: UInt8) -> String { String(byte, radix: 8).leftPadded(to: 3) }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
