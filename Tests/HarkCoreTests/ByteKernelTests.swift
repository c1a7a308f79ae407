import CByteKernels
import HarkTestSupport
import Testing

/// The C kernels against their rules written plainly, at every length up
/// to three vectors and a bit, with a byte that breaks the rule anywhere.
struct ByteKernelTests {
    /// Text a load keeps byte for byte.
    static func isClean(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
        return bytes.allSatisfy { (0x20...0x7E).contains($0) }
            && !zip(bytes, bytes.dropFirst()).contains { $0 == 0x20 && $1 == 0x20 }
    }

    @Test func copyCleanASCIICopiesEveryByteAndSaysWhetherTheTextIsClean() {
        var random = SeededGenerator(seed: 16)
        let alphabet = Array("abcXYZ019 .,'?-".utf8)
        var cleanSeen = 0
        for length in 0...53 {
            for trial in 0..<40 {
                var bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
                // Break the rule at one place in most trials: a control, DEL, a byte past ASCII, two spaces.
                if length > 0 && trial % 4 != 0 {
                    let at = Int(random.next() % UInt64(length))
                    switch trial % 4 {
                    case 1: bytes[at] = [0x09, 0x7F, 0xC3, 0x00, 0x1F][Int(random.next() % 5)]
                    case 2:
                        bytes[at] = 0x20
                        if at + 1 < length { bytes[at + 1] = 0x20 }
                    default: bytes[at] = 0x20
                    }
                }
                var target = [UInt8](repeating: 0xEE, count: length + 1)
                let clean = bytes.withUnsafeBufferPointer { from in
                    target.withUnsafeMutableBufferPointer {
                        hark_copy_clean_ascii(from.baseAddress ?? UnsafePointer(bitPattern: 1)!, length, $0.baseAddress!)
                    }
                }
                let expected = Self.isClean(bytes)
                if expected { cleanSeen += 1 }
                #expect((clean != 0) == expected, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
                if length > 0 && bytes[0] != 0x20 && bytes[length - 1] != 0x20 {
                    #expect(Array(target[..<length]) == bytes, "every byte copied")
                }
                #expect(target[length] == 0xEE, "nothing written past the end")
            }
        }
        #expect(cleanSeen > 200)
    }

    /// Words as the plain rule counts them: a non-space at the start or after a space.
    private static func words(_ bytes: [UInt8]) -> Int {
        bytes.indices.filter { bytes[$0] != 0x20 && ($0 == 0 || bytes[$0 - 1] == 0x20) }.count
    }

    @Test func countWordsCountsAsThePlainRuleAtEveryLength() {
        var random = SeededGenerator(seed: 11)
        // Past one vector, and past the 255 vectors a byte lane counts before it is summed.
        for length in Array(0...70) + [16 * 255 - 1, 16 * 255, 16 * 255 + 1, 16 * 255 * 2 + 17, 20_000] {
            let bytes = (0..<length).map { _ in Int.random(in: 0..<3, using: &random) == 0 ? UInt8(0x20) : UInt8(0x61) }
            let counted = bytes.withUnsafeBufferPointer {
                hark_count_words($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, length)
            }
            #expect(counted == Self.words(bytes), "length \(length)")
        }
        // One word a byte: every lane at its most.
        let dense = [UInt8]((0..<(16 * 600)).map { $0 % 2 == 0 ? 0x61 : 0x20 })
        #expect(dense.withUnsafeBufferPointer { hark_count_words($0.baseAddress!, $0.count) } == Self.words(dense))
    }
}
