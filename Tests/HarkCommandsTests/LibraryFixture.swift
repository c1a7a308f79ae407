import Foundation

/// A folder of interviews as a user keeps them: several formats, a
/// sub-folder, a broken file, and files that are not transcripts (which a
/// search passes over in silence).
enum LibraryFixture {
    /// A new folder each time, so tests running at once do not share one.
    static func make() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hark-library-\(UUID().uuidString)").path
        let files: [String: String] = [
            "a-talk.srt":
                "1\n00:00:01,000 --> 00:00:02,000\nA model of a model.\n\n2\n00:00:02,000 --> 00:00:03,000\nNothing here.\n",
            "b-talk.vtt":
                "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nThe language\n\n00:00:06.000 --> 00:00:07.000\nmodel again.\n",
            "c-broken.json": "{\"segments\": [{\"start\": 1, \"end\": ",
            "notes.txt": "Things to ask about the model next time.\n",
            "a-talk.hark.toml": "[speakers]\n",
            "a-talk.topics.toml": "[[topic]]\nname = \"model\"\nkeywords = [\"model\"]\n",
            "season-2/d-talk.whisper.txt": "[00:00:09.000 --> 00:00:10.000]   A model in season two.\n",
            ".cache/hidden.srt": "1\n00:00:01,000 --> 00:00:02,000\nA hidden model.\n",
            "season-2/.e-hidden.srt": "1\n00:00:01,000 --> 00:00:02,000\nAnother hidden model.\n",
        ]
        for (name, text) in files {
            let path = root + "/" + name
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        // Bytes no transcript holds: passed over as rg passes over binary files.
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0xFF, 0x00]).write(to: URL(fileURLWithPath: root + "/cover.png"))
        return root
    }
}
