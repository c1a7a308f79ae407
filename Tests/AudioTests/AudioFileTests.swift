import Foundation
import HarkAudio
import Testing

@Suite struct AudioFileTests {
    @Test func findsTheAudioWithTheTranscriptsName() {
        let present: Set<String> = ["talks/interview.m4a", "talks/interview.whisper.txt"]
        #expect(
            AudioFile.find(forTranscript: "talks/interview.whisper.txt", given: nil, exists: present.contains)
                == "talks/interview.m4a")
    }

    @Test func prefersAudioToVideo() {
        let present: Set<String> = ["ep.mp4", "ep.mp3"]
        #expect(AudioFile.find(forTranscript: "ep.srt", given: nil, exists: present.contains) == "ep.mp3")
    }

    @Test func everyUsualExtensionIsLookedFor() {
        for ext in ["mp3", "m4a", "aac", "wav", "flac", "ogg", "opus", "webm", "mp4", "mkv"] {
            let present: Set<String> = ["/a/b/show." + ext]
            #expect(AudioFile.find(forTranscript: "/a/b/show.vtt", given: nil, exists: present.contains) == "/a/b/show." + ext)
        }
    }

    @Test func noAudioBesideIsNil() {
        #expect(AudioFile.find(forTranscript: "ep.srt", given: nil, exists: { _ in false }) == nil)
        // Another NAME is not this transcript's audio.
        #expect(AudioFile.find(forTranscript: "ep.srt", given: nil, exists: { $0 == "ep2.mp3" }) == nil)
    }

    @Test func givenAudioIsTakenAsItIs() {
        #expect(AudioFile.find(forTranscript: "ep.srt", given: "/music/other.ogg", exists: { _ in false }) == "/music/other.ogg")
    }

    @Test func nameIsCutAtTheFirstDotAsForNotes() {
        #expect(AudioFile.find(forTranscript: "dir/ep.en.vtt", given: nil, exists: { $0 == "dir/ep.mp3" }) == "dir/ep.mp3")
        // A leading dot is part of the name (as for notes: `.srt.hark.toml`).
        #expect(
            AudioFile.find(forTranscript: "dir/.srt", given: nil, exists: { $0 == "dir/.srt.mp3" }) == "dir/.srt.mp3")
    }

    @Test func aFolderIsNotAudio() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hark-audio-\(getpid()).mp3")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(!AudioFile.fileExists(folder.path))
    }
}
