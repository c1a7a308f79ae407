import Foundation
import HarkCore
import HarkNotes
import HarkTestSupport
import Testing

/// Whatever the user types (names, notes, quoted text) and in whatever
/// order they change their notes, the file reads back as the notes they
/// have in memory.
@Suite struct NotesRoundTripTests {
    static let transcript = NotesFixtures.transcript(count: 40, labels: ["SPEAKER_00", "SPEAKER_01", "Speaker 3"])

    /// A change of any kind, on a random segment, with nasty text.
    static func randomChange(_ generator: inout SeededGenerator) -> NotesChange {
        func segment() -> Int { Int(generator.next() % 40) }
        func text() -> String { NastyStrings.random(&generator) }
        // Names may not hold control characters; everything else may.
        func name() -> String? {
            let name = text().unicodeScalars.filter { !Escaped.isControl($0) }
            return generator.next() % 4 == 0 ? nil : String(String.UnicodeScalarView(name))
        }
        let labels = ["SPEAKER_00", "SPEAKER_01", "Speaker 3", "not in the file", "\"quoted\" = label"]
        switch generator.next() % 8 {
        case 0: return .nameSpeaker(label: labels[Int(generator.next() % 5)], name: name())
        case 1: return .setTurn(TurnEdit(segment: segment(), speaker: name()))
        case 2: return .removeTurn(segment: segment())
        case 3, 4:
            let at = segment()
            return .setMark(Mark(segment: at, start: transcript.start(of: at), note: text()))
        case 5: return .removeMark(segment: segment())
        case 6:
            let first = segment()
            let last = min(39, first + Int(generator.next() % 3))
            var quote = Quote(segments: first...last, in: transcript, note: text())
            if generator.next() % 2 == 0 { quote.text = text() }
            quote.speaker = name()
            return .setQuote(quote)
        default:
            let first = segment()
            return .removeQuote(segments: first...min(39, first + Int(generator.next() % 3)))
        }
    }

    /// What saving makes of a change: an empty name is none.
    static func asSaved(_ change: NotesChange) -> NotesChange {
        func name(_ name: String?) -> String? { name?.isEmpty == true ? nil : name }
        switch change {
        case .nameSpeaker(let label, let given):
            return .nameSpeaker(label: label, name: name(given))
        case .setTurn(let turn):
            return .setTurn(TurnEdit(segment: turn.segment, speaker: name(turn.speaker)))
        case .setQuote(var quote):
            quote.speaker = name(quote.speaker)
            return .setQuote(quote)
        default:
            return change
        }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomChangesReadBackAsMade(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let path = NotesFixtures.path("roundTrip\(seed)")
        var expected = Notes()
        for step in 0..<120 {
            let change = Self.randomChange(&generator)
            let saved = try NotesFile.save(change, path: path, for: Self.transcript)
            expected.apply(Self.asSaved(change))
            #expect(saved.notes == expected, "step \(step): \(change)")
            let loaded = try NotesFile.load(path: path, for: Self.transcript)
            #expect(loaded.notes == expected, "step \(step): \(change)")
            #expect(loaded.warnings.isEmpty)
            guard loaded.notes == expected else { return }
        }
        // The file stays readable as text: no control character in it but its line ends.
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(!String(decoding: bytes, as: UTF8.self).unicodeScalars.contains { Escaped.isControl($0) && $0 != "\n" })
    }

    @Test(arguments: [5, 6, 7] as [UInt64])
    func randomChangesSavedTogetherReadBackAsMade(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let path = NotesFixtures.path("together\(seed)")
        var expected = Notes()
        for round in 0..<12 {
            let changes = (0..<15).map { _ in Self.randomChange(&generator) }
            let saved = try NotesFile.save(changes, path: path, for: Self.transcript)
            changes.forEach { expected.apply(Self.asSaved($0)) }
            #expect(saved.notes == expected, "round \(round)")
            #expect(try NotesFile.load(path: path, for: Self.transcript).notes == expected, "round \(round)")
            guard saved.notes == expected else { return }
        }
    }

    @Test func allOfSomeNotesSavedAtOnceReadBack() throws {
        var generator = SeededGenerator(seed: 99)
        var notes = Notes()
        for _ in 0..<80 { notes.apply(Self.asSaved(Self.randomChange(&generator))) }
        let path = NotesFixtures.path()
        let saved = try NotesFile.save(notes.asChanges, path: path, for: Self.transcript)
        #expect(saved.notes == notes)
    }
}
