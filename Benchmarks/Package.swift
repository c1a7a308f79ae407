// swift-tools-version: 6.1
import PackageDescription

// The benchmark is its own package so that `swift test` at the root never
// builds it. Run it with `bash Benchmarks/run.sh` (see README).
let package = Package(
    name: "hark-benchmarks",
    dependencies: [.package(name: "hark", path: "..")],
    targets: [
        .executableTarget(
            name: "hark-bench",
            dependencies: [
                .product(name: "HarkCore", package: "hark"),
                .product(name: "HarkTopics", package: "hark"),
                .product(name: "HarkReaderCore", package: "hark"),
                .product(name: "HarkAudioPlayer", package: "hark"),
                .product(name: "HarkCommands", package: "hark"),
            ])
    ],
    // Swift 5 mode: the runner uses C's stdout (line buffering), which Swift 6 mode refuses.
    swiftLanguageModes: [.v5]
)
