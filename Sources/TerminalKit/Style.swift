/// The eight standard terminal colours; every terminal has them.
public enum Color: Int, CaseIterable, Equatable, Hashable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell looks. Attributes alone (bold, underline, reverse) must carry
/// every distinction when colours are off, so themes set both.
public struct Style: Equatable, Hashable, Sendable {
    public var foreground: Color?
    public var background: Color?
    public var bold = false
    public var dim = false
    public var underline = false
    public var reverse = false

    public init(
        foreground: Color? = nil, background: Color? = nil, bold: Bool = false, dim: Bool = false,
        underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = Style()

    /// The same style without colours (for terminals without them, or NO_COLOR).
    public var withoutColors: Style {
        var copy = self
        copy.foreground = nil
        copy.background = nil
        return copy
    }
}
