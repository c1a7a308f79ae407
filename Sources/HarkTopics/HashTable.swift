/// A map from non-zero 64-bit keys (word hashes, packed phrase ids) to
/// 32-bit values, by open addressing with linear probing. The keys are
/// hashes already, so a multiply spreads them; Swift's Dictionary would
/// hash each again with SipHash, which is most of the cost of counting
/// words in a 1,000-hour transcript.
struct HashTable {
    private(set) var keys: [UInt64]
    private(set) var values: [Int32]
    private(set) var count = 0
    private var mask: Int
    private var shift: UInt64

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The value for `key` (which must not be 0), or nil.
    @inline(__always) func value(_ key: UInt64) -> Int32? {
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// The index of `key`'s slot, inserting it with `initial` if absent.
    @inline(__always) private mutating func index(_ key: UInt64, initial: Int32) -> Int {
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return i }
            if k == 0 {
                if (count + 1) * 4 > keys.count * 3 {
                    grow()
                    return index(key, initial: initial)
                }
                keys[i] = key
                values[i] = initial
                count += 1
                return i
            }
            i = (i + 1) & mask
        }
    }

    /// The value for `key`, set to `make()` first if absent.
    @inline(__always) mutating func value(_ key: UInt64, orInsert make: () -> Int32) -> Int32 {
        if let found = value(key) { return found }
        let made = make()
        values[index(key, initial: made)] = made
        return made
    }

    @inline(__always) mutating func add(_ key: UInt64, _ amount: Int32 = 1) {
        values[index(key, initial: 0)] &+= amount
    }

    /// `add(key)`, returning the value after it (1 the first time).
    @inline(__always) mutating func counting(_ key: UInt64) -> Int32 {
        let i = index(key, initial: 0)
        values[i] &+= 1
        return values[i]
    }

    mutating func set(_ key: UInt64, _ value: Int32) {
        values[index(key, initial: value)] = value
    }

    mutating func removeAll() {
        guard count > 0 else { return }
        for i in keys.indices { keys[i] = 0 }
        count = 0
    }

    private mutating func grow() {
        var bigger = HashTable(capacity: keys.count)
        for i in keys.indices where keys[i] != 0 { bigger.set(keys[i], values[i]) }
        self = bigger
    }

    /// Every key and value, in no particular order.
    func forEach(_ body: (UInt64, Int32) -> Void) {
        for i in keys.indices where keys[i] != 0 { body(keys[i], values[i]) }
    }
}
