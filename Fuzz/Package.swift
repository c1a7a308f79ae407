// swift-tools-version: 6.1
import PackageDescription

// Fuzz targets (libFuzzer), a package of their own so that `swift test` never
// builds them. Run them with `bash Fuzz/run.sh` (see the README's Fuzzing).
let support: [Target.Dependency] = ["FuzzSupport"]
// gold fails (an internal error) linking libFuzzer's runtime with Swift's; lld links it.
let lld: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"])]
let package = Package(
    name: "hark-fuzz",
    dependencies: [.package(name: "hark", path: "..")],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "HarkCore", package: "hark"),
                .product(name: "HarkCommands", package: "hark"),
            ]),
        .executableTarget(name: "fuzz-text-formats", dependencies: support, linkerSettings: lld),
        .executableTarget(name: "fuzz-json-formats", dependencies: support, linkerSettings: lld),
        .executableTarget(
            name: "fuzz-topics-file",
            dependencies: support + [.product(name: "HarkTopics", package: "hark"), .product(name: "HarkTOML", package: "hark")],
            linkerSettings: lld),
        .executableTarget(
            name: "fuzz-notes-file", dependencies: support + [.product(name: "HarkNotes", package: "hark")], linkerSettings: lld),
        .executableTarget(name: "fuzz-search", dependencies: support, linkerSettings: lld),
        .executableTarget(name: "fuzz-count", dependencies: support, linkerSettings: lld),
        .executableTarget(
            name: "fuzz-reader-keys",
            dependencies: support + [
                .product(name: "HarkReaderCore", package: "hark"), .product(name: "HarkTopics", package: "hark"),
            ],
            linkerSettings: lld),
    ]
)
