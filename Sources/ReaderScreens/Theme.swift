import TerminalKit

/// What each part of the screen means, mapped to how it looks. With colours
/// off every role keeps an attribute (bold, reverse, underline, dim), so no
/// highlight depends on colour alone.
public struct Theme: Sendable {
    public let colors: Bool

    public init(colors: Bool) { self.colors = colors }

    private func pick(_ colored: Style, _ mono: Style) -> Style { colors ? colored : mono }

    var header: Style { pick(Style(foreground: .black, background: .cyan), Style(reverse: true)) }
    var statusBar: Style { pick(Style(foreground: .black, background: .white), Style(reverse: true)) }
    var statusEmphasis: Style { pick(Style(foreground: .black, background: .white, bold: true), Style(bold: true, reverse: true)) }
    var gutterTime: Style { pick(Style(foreground: .cyan), Style(dim: true)) }
    var cursorMarker: Style { pick(Style(foreground: .yellow, bold: true), Style(bold: true)) }
    var text: Style { .plain }
    var nonSpeech: Style { Style(dim: true) }
    var cursorSegment: Style { pick(Style(foreground: .white, background: .blue), Style(bold: true)) }
    var searchMatch: Style { pick(Style(foreground: .black, background: .yellow), Style(reverse: true)) }
    var currentMatch: Style { pick(Style(foreground: .white, background: .red, bold: true), Style(bold: true, underline: true, reverse: true)) }
    var speakerChange: Style { Style(bold: true) }
    var message: Style { Style(bold: true) }
    var prompt: Style { .plain }
    var paneTitle: Style { Style(bold: true) }
    var paneTitleFocused: Style { pick(Style(foreground: .black, background: .cyan, bold: true), Style(bold: true, reverse: true)) }
    var selectedEntry: Style { Style(reverse: true) }
    var stripPosition: Style { Style(reverse: true) }
    var separator: Style { Style(dim: true) }
    var helpBox: Style { .plain }
    var helpKey: Style { Style(bold: true) }

    static let palette: [Color] = [.green, .magenta, .cyan, .yellow, .red, .blue]

    /// Keyword `k`'s highlight: its own colour, underlined either way.
    func keyword(_ k: Int) -> Style {
        pick(Style(foreground: Self.palette[k % Self.palette.count], bold: true, underline: true), Style(underline: true))
    }

    /// Topic `k`: the colour its topics file names, else one of the palette's.
    func topic(_ k: Int, named name: String?) -> Style {
        let named = name.flatMap { name in Color.allCases.first { "\($0)" == name } }
        return pick(Style(foreground: named ?? Self.palette[(k + 1) % Self.palette.count], bold: true), Style(bold: true))
    }

    /// Speaker `k`'s name at the start of a turn.
    func speaker(_ k: Int) -> Style {
        pick(Style(foreground: Self.palette[(k + 2) % Self.palette.count], bold: true), Style(bold: true))
    }
}
