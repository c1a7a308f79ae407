/// A terminal colour: the eight every colour terminal has, or one of a
/// 256-colour terminal's (`indexed`), which the theme uses only when the
/// terminal says it has them. How each maps to the terminal's own numbers is
/// `TerminalColors`' explicit table, never the order of these cases.
public enum Color: Equatable, Hashable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case indexed(UInt8)

    /// The eight basic colours, in the order topics files may name them.
    public static let basic: [Color] = [.black, .red, .green, .yellow, .blue, .magenta, .cyan, .white]

    /// A basic colour by the name a topics file gives it.
    public init?(name: String) {
        guard let color = Self.basic.first(where: { $0.name == name }) else { return nil }
        self = color
    }

    public var name: String {
        switch self {
        case .black: "black"
        case .red: "red"
        case .green: "green"
        case .yellow: "yellow"
        case .blue: "blue"
        case .magenta: "magenta"
        case .cyan: "cyan"
        case .white: "white"
        case .indexed(let n): "colour \(n)"
        }
    }
}

/// How many colours the terminal can show (and the user allows: NO_COLOR).
public enum ColorSupport: Equatable, Sendable {
    case none
    /// The eight basic colours.
    case basic
    /// 256 colours (xterm-256color, tmux-256color and most terminals today).
    case extended

    public var hasColors: Bool { self != .none }
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

    public var hasColors: Bool { foreground != nil || background != nil }
}
