/// How search folds text that is not ASCII: letters with diacritics to their
/// base letters (é to e, Å to A), and when case does not matter, case folded
/// too (É to e, Σ to σ, ß to ss); marks after a letter are dropped (e +
/// U+0301 to e). The table (`FoldingTable.swift`) is Foundation's own
/// `folding(options:locale:)`, code point by code point, written out by
/// `Scripts/generate-folding.swift`, so that hark needs only
/// FoundationEssentials (DECISIONS, 2026-12-07). A test checks it against
/// Foundation on every code point and on random text.
enum UnicodeFolding {
    /// `text` folded, as UTF-8.
    static func fold(_ text: UnsafeBufferPointer<UInt8>, caseInsensitive: Bool) -> [UInt8] {
        let table = Table.shared
        var folded: [UInt8] = []
        folded.reserveCapacity(text.count)
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
            if scalar.value < 0x80 {
                let b = UInt8(scalar.value)
                folded.append(caseInsensitive && b &- 0x41 < 26 ? b | 0x20 : b)
            } else if let form = table.form(of: scalar.value, caseInsensitive: caseInsensitive) {
                folded.append(contentsOf: table.pool[form])
            } else {
                UTF8.encode(scalar) { folded.append($0) }
            }
        }
        return folded
    }

    /// The table parsed once, at first use, into sorted code points and the
    /// UTF-8 of their two forms in one pool.
    private struct Table: Sendable {
        static let shared = Table(source: UnicodeFolding.source)

        private var points: [UInt32] = []
        /// For each code point: where its forms are in `pool`.
        private var diacriticForms: [Range<Int>] = []
        private var caseForms: [Range<Int>] = []
        private(set) var pool: [UInt8] = []

        init(source: String) {
            for line in source.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard fields.count == 3, let point = UInt32(fields[0], radix: 16) else { continue }
                points.append(point)
                diacriticForms.append(append(fields[1]))
                caseForms.append(append(fields[2]))
            }
        }

        /// The form's code points appended to the pool as UTF-8.
        private mutating func append(_ form: Substring) -> Range<Int> {
            let start = pool.count
            if form != "." {
                for hex in form.split(separator: ",") {
                    if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                        UTF8.encode(scalar) { pool.append($0) }
                    }
                }
            }
            return start..<pool.count
        }

        func form(of point: UInt32, caseInsensitive: Bool) -> Range<Int>? {
            var low = 0
            var high = points.count
            while low < high {
                let middle = (low + high) / 2
                if points[middle] < point { low = middle + 1 } else { high = middle }
            }
            guard low < points.count, points[low] == point else { return nil }
            return caseInsensitive ? caseForms[low] : diacriticForms[low]
        }
    }
}
