import HarkTopics
import ReaderState
import TerminalKit

/// What each part of the screen means, mapped to how it looks. With colours
/// off every role keeps an attribute (bold, reverse, underline, dim), so no
/// highlight depends on colour alone.
///
/// Topics and highlighted keywords never share a colour: with 256 colours,
/// keywords take six of the extended ones and topics the basic ones; with
/// eight, topics take cyan, green and blue (or what their file names) and
/// keywords the rest; a keyword with no colour left is bold and underlined.
public struct Theme: Sendable {
    public let support: ColorSupport
    /// The colour of each found topic, in the order found.
    let topicColors: [Color?]
    let keywordColors: [Color]

    static let topicPalette: [Color] = [.cyan, .green, .magenta, .blue, .yellow, .red]
    static let topicPaletteOnEight: [Color] = [.cyan, .green, .blue]
    static let keywordPaletteOnEight: [Color] = [.yellow, .magenta, .red]
    /// Orange, pink, light green, sky blue, gold, violet: far from the basic colours.
    static let keywordPaletteExtended: [Color] = [
        .indexed(208), .indexed(213), .indexed(120), .indexed(117), .indexed(220), .indexed(141),
    ]

    /// `topicColorNames`: the colour each topic's file gives it, if any.
    public init(support: ColorSupport, topicColorNames: [String?] = []) {
        self.support = support
        let palette = support == .extended ? Self.topicPalette : Self.topicPaletteOnEight
        topicColors = topicColorNames.enumerated().map { k, name in
            support.hasColors ? name.flatMap(Color.init(name:)) ?? palette[k % palette.count] : nil
        }
        switch support {
        case .none: keywordColors = []
        case .extended: keywordColors = Self.keywordPaletteExtended
        case .basic:
            let taken = Set(topicColors.compactMap { $0 })
            keywordColors = Self.keywordPaletteOnEight.filter { !taken.contains($0) }
        }
    }

    /// The theme for a state: its colours and its topics'.
    public init(_ state: ReaderState) {
        self.init(support: state.colorSupport, topicColorNames: state.topics?.topics.map(\.definition.colour) ?? [])
    }

    private var colors: Bool { support.hasColors }
    private func pick(_ colored: Style, _ mono: Style) -> Style { colors ? colored : mono }

    var header: Style { pick(Style(foreground: .black, background: .cyan), Style(reverse: true)) }
    var statusBar: Style { pick(Style(foreground: .black, background: .white), Style(reverse: true)) }
    var statusEmphasis: Style {
        pick(Style(foreground: .black, background: .white, bold: true), Style(bold: true, reverse: true))
    }
    var gutterTime: Style { pick(Style(foreground: .cyan), Style(dim: true)) }
    var cursorMarker: Style { pick(Style(foreground: .yellow, bold: true), Style(bold: true)) }
    var text: Style { .plain }
    var nonSpeech: Style { Style(dim: true) }
    var cursorSegment: Style { pick(Style(foreground: .white, background: .blue), Style(bold: true)) }
    /// The segment being spoken, where the cursor is not (the view stopped following).
    public var playingSegment: Style { pick(Style(foreground: .black, background: .green), Style(underline: true)) }
    var playingMarker: Style { pick(Style(foreground: .green, bold: true), Style(bold: true)) }
    var searchMatch: Style { pick(Style(foreground: .black, background: .yellow), Style(reverse: true)) }
    var currentMatch: Style {
        pick(Style(foreground: .white, background: .red, bold: true), Style(bold: true, underline: true, reverse: true))
    }
    var speakerChange: Style { Style(bold: true) }
    var markSign: Style { pick(Style(foreground: .yellow, bold: true), Style(bold: true)) }
    var quoteBar: Style { pick(Style(foreground: .green, bold: true), Style(bold: true)) }
    var selection: Style { pick(Style(foreground: .black, background: .white), Style(reverse: true)) }
    var message: Style { Style(bold: true) }
    var warning: Style { pick(Style(foreground: .black, background: .yellow, bold: true), Style(bold: true)) }
    var prompt: Style { .plain }
    var paneTitle: Style { Style(bold: true) }
    var paneTitleFocused: Style {
        pick(Style(foreground: .black, background: .cyan, bold: true), Style(bold: true, reverse: true))
    }
    var selectedEntry: Style { Style(reverse: true) }
    var stripPosition: Style { Style(reverse: true) }
    var separator: Style { Style(dim: true) }
    var helpBox: Style { .plain }
    var helpKey: Style { Style(bold: true) }

    /// Keyword `k`'s highlight: its own colour, underlined either way.
    public func keyword(_ k: Int) -> Style {
        guard colors, !keywordColors.isEmpty else { return Style(bold: colors, underline: true) }
        return Style(foreground: keywordColors[k % keywordColors.count], bold: true, underline: true)
    }

    /// A topic of the library, `k`th by time: the colour its topics file
    /// names, as the reader shows it in the file, else the palette's.
    public func libraryTopic(_ k: Int, colour name: String?) -> Style {
        let palette = support == .extended ? Self.topicPalette : Self.topicPaletteOnEight
        let color = name.flatMap(Color.init(name:)) ?? palette[k % palette.count]
        return Style(foreground: colors ? color : nil, bold: true)
    }

    /// Topic `k` (its place among the found topics).
    public func topic(_ k: Int) -> Style {
        let color = k < topicColors.count ? topicColors[k] : nil
        return Style(foreground: colors ? color ?? Self.topicPalette[k % Self.topicPalette.count] : nil, bold: true)
    }

    /// Speaker `k`'s name at the start of a turn.
    func speaker(_ k: Int) -> Style {
        let palette: [Color] = [.cyan, .green, .magenta, .yellow, .red, .blue]
        return pick(Style(foreground: palette[k % palette.count], bold: true), Style(bold: true))
    }
}
