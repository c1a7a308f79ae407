import HarkCore

extension Quote {
    /// Who said it and when, as a citation ends: `Sarah Catanzaro, 0:39:16`,
    /// or the time alone when nobody is named.
    public var attribution: String {
        let time = TimeFormat.short(start)
        return speaker.map { "\($0), \(time)" } ?? time
    }

    /// The quote as one line to paste: `“text” — Speaker, 0:39:16`.
    public var citation: String { "“\(text)” — \(attribution)" }

    /// The quote as Markdown: `> text`, then `— Speaker, 0:39:16`.
    public var markdown: String { "> \(text)\n\n— \(attribution)" }
}
