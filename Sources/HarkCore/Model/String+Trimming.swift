extension StringProtocol {
    /// The text without the spaces and tabs at either end: Foundation's
    /// `trimmingWhitespace()` (Unicode's space separators and
    /// the tab), kept here so that hark needs only FoundationEssentials.
    public func trimmingWhitespace() -> String {
        func isWhitespace(_ c: Character) -> Bool {
            c.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
        }
        guard let first = firstIndex(where: { !isWhitespace($0) }) else { return "" }
        let last = lastIndex(where: { !isWhitespace($0) })!
        return String(self[first...last])
    }
}
