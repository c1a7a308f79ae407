import Testing

@testable import HarkCore

struct TimestampParserTests {
    @Test(arguments: [
        ("00:00:01.540", 1540),
        ("00:00:01,540", 1540),  // SRT comma
        ("01:02.500", 62500),  // hours omitted (openai-whisper under an hour)
        ("1:02:03.500", 3_723_500),  // one-digit hours
        ("0:0:3.540", 3540),  // Teams
        ("00:04:40", 280_000),  // no milliseconds
        ("00:29:27,46", 1_767_460),  // two-digit fraction means 460 ms
        ("00:00:01.5", 1500),
        ("1000:00:00.000", 3_600_000_000),  // past 999 hours, past Int32
        ("00:00:01.5409", 1540),  // digits past milliseconds dropped
    ])
    func parsesRealTimestamps(text: String, expected: Int64) {
        #expect(TimestampParser.parse(text) == .success(expected))
    }

    @Test(arguments: ["00:61:00.000", "00:00:60.000", "01:75.000"])
    func rejectsFieldsPast59(text: String) {
        #expect(TimestampParser.parse(text) == .failure(.outOfRange))
    }

    @Test(arguments: ["", "abc", "00:00:", ":00.000", "00:00:01.", "00:00:01.x", "1:2:3:4", "00 :01.000"])
    func rejectsMalformed(text: String) {
        #expect(TimestampParser.parse(text) == .failure(.malformed))
    }
}

struct TimeFormatTests {
    @Test func formatsClockAndSubtitleTimes() {
        #expect(TimeFormat.clock(62_500) == "0:01:02.500")
        #expect(TimeFormat.clock(3_600_000_000) == "1000:00:00.000")
        #expect(TimeFormat.subtitle(3_723_004, separator: ",") == "01:02:03,004")
        #expect(TimeFormat.subtitle(1_000, separator: ".") == "00:00:01.000")
        #expect(TimeFormat.short(3_723_004) == "1:02:03")
        #expect(TimeFormat.short(59_000, compact: true) == "0:59")
    }

    @Test(arguments: [
        (0, "0.0"), (3760, "3.76"), (7600, "7.6"), (4_582_520, "4582.52"), (1, "0.001"), (-1500, "-1.5"),
        (3_602_645_720, "3602645.72"),
    ])
    func formatsSecondsForJSON(ms: Int64, expected: String) {
        #expect(TimeFormat.seconds(ms) == expected)
    }

    @Test func roundsFloatingPointSeconds() {
        #expect(TimeFormat.milliseconds(fromSeconds: 7.6000000000000005) == 7600)
        #expect(TimeFormat.milliseconds(fromSeconds: 0.0015) == 2)
        #expect(TimeFormat.milliseconds(fromSeconds: .nan) == nil)
    }
}
