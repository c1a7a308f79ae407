import Foundation
import HarkTestSupport
import Testing

@testable import HarkCore

/// HTML character references in text content, by WHATWG HTML's rules.
struct HTMLCharacterReferenceTests {
    private func decode(_ text: String) -> String { HTMLCharacterReferences.decode(text) }

    @Test(arguments: [
        ("&amp; &lt; &gt; &quot; &apos;", "& < > \" '"),
        ("a&nbsp;b&lrm;&rlm;", "a\u{A0}b\u{200E}\u{200F}"),
        ("&hellip;&mdash;&ndash;&lsquo;&rsquo;&ldquo;&rdquo;", "…—–‘’“”"),
        ("&eacute;&Eacute;&szlig;&euro;&copy;&trade;", "éÉß€©™"),
        ("&CounterClockwiseContourIntegral;", "\u{2233}"),
        ("&Afr; &bopf;", "\u{1D504} \u{1D553}"),
        // Two code points.
        ("&nvlt; &NotEqualTilde; &fjlig; &bne;", "<\u{20D2} \u{2242}\u{338} fj =\u{20E5}"),
    ])
    func decodesNamedReferences(text: String, expected: String) {
        #expect(decode(text) == expected)
    }

    @Test func namesAreCaseSensitive() {
        #expect(decode("&AMP; &LT; &Amp; &aMp; &Eacute;") == "& < &Amp; &aMp; É")
        #expect(decode("&HELLIP;") == "&HELLIP;")
    }

    /// The legacy names decode without `;`; other names need it.
    @Test func legacyNamesNeedNoSemicolon() {
        #expect(decode("&amp &lt3 &copy2026 &nbspx &eacutes") == "& <3 ©2026 \u{A0}x és")
        #expect(decode("R&D&ampx") == "R&D&x")
        #expect(decode("&hellip &mdash.") == "&hellip &mdash.")
    }

    @Test func theLongestNameWins() {
        #expect(decode("&notit;") == "¬it;")
        #expect(decode("&notin;") == "∉")
        #expect(decode("&notin") == "¬in")
        #expect(decode("&ampamp;") == "&amp;")
        #expect(decode("&LTx &ltimes;") == "<x ⋉")
    }

    @Test(arguments: [
        ("&#65;&#x42;&#X43;", "ABC"),
        ("&#65&#x42 &#0067x", "AB Cx"),  // no `;`
        ("&#0; &#x0;", "\u{FFFD} \u{FFFD}"),
        ("&#xD800; &#57343;", "\u{FFFD} \u{FFFD}"),  // surrogates
        ("&#x110000; &#99999999999999999999; &#x10FFFF;", "\u{FFFD} \u{FFFD} \u{10FFFF}"),
        ("&#128; &#x80; &#x9F; &#150;", "€ € Ÿ –"),  // Windows-1252
        ("&#129;&#x9D;", "\u{81}\u{9D}"),  // undefined in Windows-1252: as they are
        ("&#x1F44D; &#233;", "👍 é"),
        ("&#; &#x; &#xZ; &#-1;", "&#; &#x; &#xZ; &#-1;"),  // no digits: no reference
    ])
    func decodesNumericReferences(text: String, expected: String) {
        #expect(decode(text) == expected)
    }

    @Test func anAmpersandThatStartsNothingStays() {
        for text in ["&", "& ", "a && b", "&;", "&unknown;", "&#", "tail&", "&\u{E9}t\u{E9}", "&1;"] {
            #expect(decode(text) == text)
        }
        #expect(decode("&&amp;&") == "&&&")
    }

    @Test func bytesAreAppended() {
        var output = Array("kept ".utf8)
        Array("caf\u{E9} &amp; \u{6771}".utf8).withUnsafeBufferPointer {
            HTMLCharacterReferences.decode($0, into: &output)
        }
        #expect(String(decoding: output, as: UTF8.self) == "kept caf\u{E9} & \u{6771}")
    }

    /// Every name in the table decodes to its value: the table parses, is in
    /// the order binary search needs, and holds all of HTML's names.
    @Test func everyNameInTheTableDecodes() {
        let table = HTMLCharacterReferences.NamedTable.shared
        #expect(table.count == HTMLCharacterReferences.namedCount)
        var previous: [UInt8] = []
        for k in 0..<table.count {
            let (name, value) = table.entry(k)
            #expect(previous.lexicographicallyPrecedes(name))
            previous = Array(name)
            var output: [UInt8] = []
            (Array("&".utf8) + name + Array("|".utf8)).withUnsafeBufferPointer {
                HTMLCharacterReferences.decode($0, into: &output)
            }
            #expect(output == Array(value) + Array("|".utf8))
        }
    }

    /// Random bytes never crash the decoder, what has no `&` comes back as
    /// it was, and text escaped the way the writers escape it decodes to
    /// itself.
    @Test func randomBytes() {
        var generator = SeededGenerator(seed: 38)
        let pieces: [[UInt8]] = [
            Array("&".utf8), Array("#".utf8), Array("x".utf8), Array(";".utf8), Array("amp".utf8), Array("not".utf8),
            Array("in".utf8), Array("1".utf8), Array("9F".utf8), Array(" ".utf8), Array("é".utf8), [0xFF], [0xC3], [0x00],
        ]
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...24, using: &generator)
            let bytes: [UInt8] =
                Bool.random(using: &generator)
                ? (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
                : (0..<count).flatMap { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }
            var output: [UInt8] = []
            bytes.withUnsafeBufferPointer { HTMLCharacterReferences.decode($0, into: &output) }
            if !bytes.contains(0x26) { #expect(output == bytes) }
            let text = String(decoding: bytes, as: UTF8.self)
            let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            #expect(decode(escaped) == text)
        }
    }
}
