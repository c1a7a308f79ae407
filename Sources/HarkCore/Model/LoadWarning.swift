/// Something a reader skipped or repaired, with the line it happened on.
public struct LoadWarning: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case invalidUTF8 = "invalid UTF-8 replaced with U+FFFD"
        case invalidUTF16 = "invalid UTF-16 replaced with U+FFFD"
        case invalidUTF32 = "invalid UTF-32 replaced with U+FFFD"
        case readAsWindows1252 = "not UTF-8; read as Windows-1252"
        case nulBytes = "NUL bytes replaced with U+FFFD"
        case controlCharacters = "control characters removed"
        case notASegment = "line is not a segment; skipped"
        case malformedTimestamp = "malformed timestamp; cue skipped"
        case timeOutOfRange = "minutes or seconds past 59; cue skipped"
        case stampOutOfRange = "minutes or seconds past 59; the time is estimated instead"
        case endBeforeStart = "end before start; end set to start"
        case missingEnd = "missing end time; taken from the next segment"
        case emptySegments = "empty segment skipped"
        case missingHeader = "no WEBVTT header; read as WebVTT anyway"
        case nonStandardTimestamp = "timestamp is not valid WebVTT; read anyway"
        case notACue = "block is not a cue; skipped"
        case outOfOrder = "segment starts before the previous one; segments sorted by start"
        case estimatedTimes = "times estimated where the file gives none"
        case invalidItem = "item is not a segment; skipped"
        case rollingCaptions = "rolling captions: lines repeated from the previous cue removed"
        case lineTooLong = "line longer than 1 MB; cut there, the rest skipped"
        case segmentTooLong = "segment longer than 1 MB; the rest of its text dropped"
    }

    public var kind: Kind
    /// 1-based line in the source file; `nil` where the source has no lines
    /// that mean anything (a JSON item is named in `detail` instead).
    public var line: Int?
    public var detail: String?

    public init(_ kind: Kind, line: Int?, detail: String? = nil) {
        self.kind = kind
        self.line = line
        self.detail = detail
    }

    func shifted(by lines: Int) -> LoadWarning {
        var copy = self
        copy.line = line.map { $0 + lines }
        return copy
    }

    public var message: String {
        guard let detail else { return kind.rawValue }
        return "\(kind.rawValue) (\(detail))"
    }
}

extension Array where Element == LoadWarning {
    /// One entry per kind of warning, in order of first appearance, so that a
    /// file with 10,000 log lines gives one line of output, not 10,000.
    public func summarized() -> [WarningSummary] {
        var order: [LoadWarning.Kind] = []
        var byKind: [LoadWarning.Kind: WarningSummary] = [:]
        for warning in self {
            if var summary = byKind[warning.kind] {
                summary.count += 1
                byKind[warning.kind] = summary
            } else {
                order.append(warning.kind)
                byKind[warning.kind] = WarningSummary(first: warning, count: 1)
            }
        }
        return order.compactMap { byKind[$0] }
    }
}

public struct WarningSummary: Equatable, Sendable {
    public var first: LoadWarning
    public var count: Int
}
