/// Colours as the terminal numbers them, and the colour pairs a curses
/// terminal draws with. Pure bookkeeping, tested without a terminal; the
/// ncurses backend only passes the numbers on.
public enum TerminalColors {
    /// The terminal's number for `color`: the ANSI order (curses' COLOR_BLACK
    /// is 0 … COLOR_WHITE is 7), written out rather than taken from the order
    /// of `Color`'s cases. `nil` (the terminal's default colour) is -1.
    public static func number(for color: Color?) -> Int16 {
        switch color {
        case nil: -1
        case .black: 0
        case .red: 1
        case .green: 2
        case .yellow: 3
        case .blue: 4
        case .magenta: 5
        case .cyan: 6
        case .white: 7
        case .indexed(let n): Int16(n)
        }
    }
}

/// Colour pairs, numbered as they are first needed (pair 0 is the terminal's
/// default and never handed out). A terminal has a limited number of pairs;
/// past it, styles are drawn in pair 0 (attributes only).
public struct ColorPairs: Sendable {
    public struct Pair: Hashable, Sendable {
        public var foreground: Int16
        public var background: Int16

        public init(foreground: Int16, background: Int16) {
            self.foreground = foreground
            self.background = background
        }
    }

    /// What a style needs: the pair's number, and whether it is new (the
    /// backend then defines it with the terminal before using it).
    public struct Assignment: Equatable, Sendable {
        public var number: Int16
        public var isNew: Bool
        public var pair: Pair

        public init(number: Int16, isNew: Bool, pair: Pair) {
            self.number = number
            self.isNew = isNew
            self.pair = pair
        }
    }

    public let limit: Int
    private var numbers: [Pair: Int16] = [:]

    /// `limit`: the terminal's COLOR_PAIRS.
    public init(limit: Int) { self.limit = limit }

    public var count: Int { numbers.count }

    /// The pair for a style's colours; nil when the style has none.
    public mutating func assign(_ style: Style) -> Assignment? {
        guard style.hasColors else { return nil }
        let pair = Pair(
            foreground: TerminalColors.number(for: style.foreground), background: TerminalColors.number(for: style.background))
        if let number = numbers[pair] { return Assignment(number: number, isNew: false, pair: pair) }
        let number = numbers.count + 1
        guard number < limit else { return Assignment(number: 0, isNew: false, pair: pair) }
        numbers[pair] = Int16(number)
        return Assignment(number: Int16(number), isNew: true, pair: pair)
    }
}
