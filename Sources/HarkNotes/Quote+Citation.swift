import HarkCore

extension Quote {
    /// The quote as one line to paste, as `hark quotes --to txt` prints it:
    /// `“text” — Speaker, 0:39:16` (the time alone when nobody is named; `~`
    /// before a time hark estimated). What the reader puts on the clipboard.
    public func citation(estimated: Bool) -> String {
        let time = TimeFormat.mark(estimated: estimated) + TimeFormat.short(start)
        return "“\(text)” — " + (speaker.map { "\($0), \(time)" } ?? time)
    }
}
