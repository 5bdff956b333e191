// swift-tools-version: 6.1
// The fuzz targets: one libFuzzer executable per reader of outside input, built against the main package by path
// into a scratch folder of their own, so `swift build` and `swift test` at the top never see them.
//
//   scripts/fuzz.sh keystroke-log 60        (or: all 20)
//
// See docs/fuzzing.md. The sanitizers are turned on by the script, not here (`--sanitize=fuzzer` with
// `-Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address`), for every module, so typebar's own readers are
// instrumented for coverage and checked by AddressSanitizer, and libyaml under Yams too. With the fuzzer
// sanitizer SwiftPM compiles the executables as libraries (-parse-as-library) and links libFuzzer's main, so each
// main.swift defines LLVMFuzzerTestOneInput and nothing runs at the top level.
import PackageDescription

let kit: Target.Dependency = .product(name: "TypeBarKit", package: "typebar")

let package = Package(
    name: "typebar-fuzz",
    dependencies: [
        .package(name: "typebar", path: ".."),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // What every target shares: the input as a buffer, a scratch file, a property check that crashes, keys
        // read from the input, and a spell checker for free-mode shifts.
        .target(name: "FuzzSupport", dependencies: [
            .product(name: "TypeBarCore", package: "typebar"), .product(name: "TerminalUI", package: "typebar"),
        ]),
        .executableTarget(name: "fuzz-keystroke-log", dependencies: [
            "FuzzSupport", kit, .product(name: "TypeBarReports", package: "typebar"), .product(name: "SystemPackage", package: "swift-system"),
        ]),
        .executableTarget(name: "fuzz-history-line", dependencies: ["FuzzSupport", kit]),
        .executableTarget(name: "fuzz-assessment-config", dependencies: ["FuzzSupport", kit]),
        .executableTarget(name: "fuzz-passage", dependencies: ["FuzzSupport", kit]),
        .executableTarget(name: "fuzz-chat-log", dependencies: ["FuzzSupport", kit]),
        .executableTarget(name: "fuzz-key-decoder", dependencies: ["FuzzSupport", .product(name: "TerminalUI", package: "typebar")]),
        .executableTarget(name: "fuzz-scenario", dependencies: ["FuzzSupport", kit]),
        .executableTarget(name: "fuzz-chat-assessment", dependencies: ["FuzzSupport", kit]),
        .executableTarget(name: "fuzz-settings", dependencies: ["FuzzSupport", kit]),
        .executableTarget(name: "fuzz-store-record", dependencies: ["FuzzSupport", kit]),
        .executableTarget(name: "fuzz-desk-session", dependencies: [
            "FuzzSupport", kit, .product(name: "TerminalUI", package: "typebar"),
        ]),
        .executableTarget(name: "fuzz-report", dependencies: [
            "FuzzSupport", kit, .product(name: "TypeBarReports", package: "typebar"), .product(name: "TerminalUI", package: "typebar"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
