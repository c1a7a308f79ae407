import Foundation
import Testing

@testable import HarkCore

/// Search's folding of text that is not ASCII is Foundation's, which hark
/// no longer links: the table is checked against Foundation here.
struct UnicodeFoldingTests {
    private static let options: [(caseInsensitive: Bool, foundation: String.CompareOptions)] = [
        (false, [.diacriticInsensitive]), (true, [.diacriticInsensitive, .caseInsensitive]),
    ]

    private func fold(_ text: String, caseInsensitive: Bool) -> String {
        var bytes = Array(text.utf8)
        let folded = bytes.withUnsafeMutableBufferPointer {
            UnicodeFolding.fold(UnsafeBufferPointer($0), caseInsensitive: caseInsensitive)
        }
        return String(decoding: folded, as: UTF8.self)
    }

    /// After a letter, so that a mark (which Foundation keeps only when
    /// nothing comes before it) is folded as in any text.
    @Test func everyCodePointFoldsAsFoundationFoldsIt() {
        var differences: [String] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(String.UnicodeScalarView([scalar]))
            for (caseInsensitive, foundation) in Self.options {
                let expected = text.folding(options: foundation, locale: nil)
                if fold(text, caseInsensitive: caseInsensitive) != expected {
                    differences.append(String(value, radix: 16))
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20))")
    }

    /// Runs of letters, accented letters, letters with marks, other scripts
    /// and symbols, folded whole. (A mark after something that is not a
    /// letter, "Ⅻ" + U+0308, is kept by Foundation and dropped by hark: see
    /// the last test.)
    @Test func randomTextFoldsAsFoundationFoldsIt() {
        let pieces: [String] = [
            "a", "Z", "é", "E\u{301}", "o\u{308}", "a\u{301}\u{327}", "ß", "ﬁ", "İ", "Σ", "ς", "Å", "Ø", "Œ", "ǅ", "Ω", "µ", "ẞ",
            "한", "日本", "\u{1F600}", "Ж", "ё", "ı", "Ⅻ", "①", "ﬀ", " ", "-", "\u{A0}", "\u{200D}", "ǰ", "ΐ",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let count = Int.random(in: 1...12, using: &generator)
            let text = "x" + (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for (caseInsensitive, foundation) in Self.options {
                #expect(
                    fold(text, caseInsensitive: caseInsensitive) == text.folding(options: foundation, locale: nil),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }

    /// Foundation keeps a mark that nothing comes before, or that follows
    /// a character that is not a letter; hark drops every one. Search folds
    /// text in runs, and "cafe" + U+0301 should be found as "cafe".
    @Test func aMarkIsDroppedWhereverItIs() {
        #expect(fold("\u{301}e", caseInsensitive: true) == "e")
        #expect(fold("Ⅻ\u{308}", caseInsensitive: false) == "Ⅻ")
    }
}
