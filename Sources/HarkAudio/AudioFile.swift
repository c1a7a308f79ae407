import Glibc

/// Where a transcript's audio is: `--audio FILE` when given, else a file
/// beside the transcript with the same NAME as its notes and topics files
/// (`talk` for `talk.whisper.txt`) and a usual audio or video extension.
public enum AudioFile {
    /// In the order looked for: when a folder holds both `talk.mp3` and
    /// `talk.mp4`, the audio is taken, not the video.
    public static let extensions = ["mp3", "m4a", "aac", "wav", "flac", "ogg", "opus", "webm", "mp4", "mkv"]

    /// The audio for the transcript at `transcriptPath`, or nil when there
    /// is none. A `given` path is taken as it is (mpv says if it cannot play it).
    public static func find(forTranscript transcriptPath: String, given: String?, exists: (String) -> Bool = fileExists)
        -> String?
    {
        if let given { return given }
        let stem = stem(of: transcriptPath)
        return extensions.lazy.map { stem + "." + $0 }.first(where: exists)
    }

    /// The transcript's folder and NAME: `dir/talk` for `dir/talk.whisper.txt`.
    static func stem(of path: String) -> String {
        let folderEnd = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        var name = path[folderEnd...]
        if let dot = name.firstIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return String(path[..<folderEnd]) + name
    }

    /// A regular file (or a link to one) is there; a folder named `talk.mp3` is not audio.
    public static func fileExists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }
}
