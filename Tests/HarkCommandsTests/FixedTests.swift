import Foundation
import Testing

@testable import HarkCommands

/// `Fixed` stands in for Foundation's `String(format:)` and `padding`.
struct FixedTests {
    @Test(arguments: [0.0, 0.05, 0.15, 0.25, 1.005, 2.675, -0.5, -1.25, 12.345, 99.95, 1e21, 123_456.789, .pi])
    func decimalsAsPrintfRoundsThem(value: Double) {
        for places in 0...3 {
            #expect(Fixed.decimals(value, places) == String(format: "%.\(places)f", value))
        }
    }

    @Test func paddedCutsOrFills() {
        #expect(Fixed.padded("mark", to: 5) == "mark ")
        #expect(Fixed.padded("quote", to: 5) == "quote")
        #expect(Fixed.padded("speaker", to: 5) == "speak")
        #expect(Fixed.padded("né", to: 3) == "né ")
    }
}
