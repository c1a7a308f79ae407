/// A key phrase of one to three content words as one 64-bit key: each
/// word's stem id plus one in 20 bits, and before the second and third the
/// joining word between them (`ContentWords.Joiner`, 0 for none) in 2 bits.
/// Word `n` starts at bit 22·n, so a phrase's first words are its low bits
/// and dropping its first word is a shift.
enum PhraseKey {
    /// Stems from this id on cannot be packed and are left out of phrases
    /// (a transcript would need a million distinct words to reach it).
    static let stemLimit: Int32 = (1 << 20) - 1
    static let stemMask: UInt64 = (1 << 20) - 1

    /// The key with word `n` (0, 1 or 2) added.
    @inline(__always) static func appending(_ key: UInt64, word n: Int, stem: Int32, joiner: UInt8) -> UInt64 {
        let shift = UInt64(22 * n)
        let packedJoiner = n == 0 ? 0 : UInt64(joiner) << (shift - 2)
        return key | packedJoiner | (UInt64(stem + 1) << shift)
    }

    static func length(_ key: UInt64) -> Int { key >> 44 != 0 ? 3 : key >> 22 != 0 ? 2 : 1 }

    /// Each word's stem key (the one-word phrase of that word).
    static func stems(_ key: UInt64) -> [UInt64] {
        (0..<length(key)).map { (key >> UInt64(22 * $0)) & stemMask }
    }

    /// The phrase without its last word and without its first.
    static func parts(_ key: UInt64) -> [UInt64] {
        let n = length(key)
        guard n > 1 else { return [] }
        return [key & ((1 << UInt64(22 * (n - 1) - 2)) - 1), key >> 22]
    }

    /// Whether `inner` is `outer` or a run of its words.
    static func contains(_ outer: UInt64, _ inner: UInt64) -> Bool {
        let (n, m) = (length(outer), length(inner))
        guard m <= n else { return false }
        let mask: UInt64 = m == 3 ? ~0 : (1 << UInt64(22 * m - 2)) - 1
        return (0...(n - m)).contains { (outer >> UInt64(22 * $0)) & mask == inner }
    }
}
