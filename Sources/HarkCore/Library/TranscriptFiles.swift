import Glibc

/// The files a command reads for the paths it was given: a file as given, a
/// folder walked recursively (a library of interviews). In a folder, hidden
/// files and folders are skipped, and so are the companion files hark keeps
/// beside a transcript (`NAME.hark.toml`, `NAME.topics.toml`); whether any
/// other file is a transcript is the loader's to say, by content (see
/// `LoadError.isNotATranscript`).
public struct TranscriptFiles: Sendable {
    public struct Entry: Equatable, Sendable {
        public var path: String
        /// Found in a folder, rather than named by the user: a file that is
        /// not a transcript is passed over rather than reported.
        public var inFolder: Bool
    }

    /// In the order given; each folder's files sorted by name, a sub-folder's
    /// files in the place of its name.
    public private(set) var entries: [Entry] = []
    /// Folders that could not be read.
    public private(set) var errors: [LoadError] = []
    /// Whether any path given was a folder.
    public private(set) var hasFolder = false

    /// Names hark writes beside a transcript: never transcripts themselves.
    static let companionSuffixes = [".hark.toml", ".topics.toml"]

    public init(paths: [String]) {
        for path in paths {
            if Self.isDirectory(path, followingLinks: true) {
                hasFolder = true
                walk(path)
            } else {
                // A missing or unreadable file is the loader's to report.
                entries.append(Entry(path: path, inFolder: false))
            }
        }
    }

    private mutating func walk(_ folder: String) {
        guard let directory = opendir(folder) else {
            errors.append(LoadError(path: folder, reason: "cannot read the folder: \(String(cString: strerror(errno)))"))
            return
        }
        var children: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") || Self.companionSuffixes.contains(where: { name.hasSuffix($0) }) { continue }
            let path = Self.joined(folder, name)
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): children.append((name, true))
            case Int32(DT_REG): children.append((name, false))
            // A link to a file is read; a link to a folder is not followed
            // (as rg does), so a loop of links cannot walk forever.
            case Int32(DT_LNK): if !Self.isDirectory(path, followingLinks: true) { children.append((name, false)) }
            case Int32(DT_UNKNOWN): children.append((name, Self.isDirectory(path, followingLinks: false)))
            default: continue  // sockets, pipes, devices
            }
        }
        closedir(directory)
        children.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for child in children {
            let path = Self.joined(folder, child.name)
            if child.isFolder { walk(path) } else { entries.append(Entry(path: path, inFolder: true)) }
        }
    }

    private static func joined(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    package static func isDirectory(_ path: String, followingLinks: Bool = true) -> Bool {
        var info = stat()
        let status = followingLinks ? stat(path, &info) : lstat(path, &info)
        return status == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
