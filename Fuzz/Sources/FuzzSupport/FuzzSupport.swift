import Foundation
import HarkCommands
import HarkCore

/// What every fuzz target shares: inputs written where the loader can read
/// them, commands run into memory, and the one rule checked on all output.
public enum FuzzSupport {
    /// A file in memory-backed /dev/shm when there is one, unique to this process.
    public static func path(_ name: String) -> String {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(folder)/hark-fuzz-\(getpid())-\(name)"
    }

    public static func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) {
        guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
        if let base = bytes.baseAddress, bytes.count > 0 { fwrite(base, 1, bytes.count, file) }
        fclose(file)
    }

    /// Runs a command with its stdout and stderr in memory: (stdout, stderr lines, status).
    public static func run(_ body: (OutputSink, (String) -> Void) -> Int32) -> (output: String, errors: [String], status: Int32) {
        var bytes: [UInt8] = []
        let sink = OutputSink(colors: false) { bytes.append(contentsOf: $0) }
        var errors: [String] = []
        let status = body(sink) { errors.append($0) }
        sink.flush()
        return (String(decoding: bytes, as: UTF8.self), errors, status)
    }

    /// hark's rule for what leaves it: no control character but a newline or a tab.
    public static func requireNoControlCharacters(_ text: String, _ what: String) {
        for scalar in text.unicodeScalars where Escaped.isControl(scalar) && scalar != "\n" && scalar != "\t" {
            fatalError("\(what): control character U+\(String(scalar.value, radix: 16)) in the output")
        }
    }

    /// A format reader's input: the first byte picks one of `formats` (a
    /// format, or nil for recognition, and the file's extension), the rest
    /// is the file; every command is then run on it.
    public static func fuzzFormat(_ data: UnsafePointer<UInt8>, _ size: Int, _ formats: [(TranscriptFormat?, String)]) -> Int32 {
        guard size > 0 else { return 0 }
        let (format, ext) = formats[Int(data[0]) % formats.count]
        let path = path("input.\(ext)")
        write(UnsafeBufferPointer(start: data + 1, count: size - 1), to: path)
        exerciseCommands(on: path, format: format)
        return 0
    }

    /// Every command that prints a loaded file, each output checked.
    public static func exerciseCommands(on path: String, format: TranscriptFormat?) {
        let info = run { HarkCommands.info(paths: [path], format: format, json: false, quiet: false, output: $0, report: $1) }
        requireNoControlCharacters(info.output + info.errors.joined(separator: "\n"), "info")
        guard info.status == 0 else { return }
        for to in ExportFormat.allCases {
            let export = run { HarkCommands.export(path: path, format: format, to: to, quiet: false, output: $0, report: $1) }
            requireNoControlCharacters(export.output + export.errors.joined(separator: "\n"), "export --to \(to)")
        }
        var options = HarkCommands.SearchOptions()
        options.format = format
        let search = run { HarkCommands.search(pattern: "e", paths: [path, path], options: options, output: $0, report: $1) }
        requireNoControlCharacters(search.output + search.errors.joined(separator: "\n"), "search")
    }
}

/// libFuzzer's driver: runs `callback` on generated inputs as the command
/// line says (`-max_total_time=600`, a corpus folder…).
@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

extension FuzzSupport {
    /// The executable's entry: SwiftPM names each target's `main`
    /// `<target>_main`, which hands over to libFuzzer's driver.
    public static func runFuzzer(
        argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32 {
        var argc = argc
        var argv = argv
        return llvmFuzzerRunDriver(&argc, &argv, callback)
    }
}
