// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "typebar",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "typebar", targets: ["typebar"]),
        .library(name: "TypeBarCore", targets: ["TypeBarCore"]),
        .library(name: "TypeBarKit", targets: ["TypeBarKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Pure scoring: keystrokes with timestamps in, results out. No I/O, no clocks.
        .target(name: "TypeBarCore"),
        // Everything that touches files: the keystroke-log codec, passages, the history file and reports.
        // swift-crypto gives the text hashes in history records and the HMAC signatures of assessments;
        // Yams reads assessment configs (YAML, and JSON as YAML), with the line of every value for errors.
        .target(name: "TypeBarKit", dependencies: [
            "TypeBarCore",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // ncursesw and POSIX signals, wrapped where Swift cannot reach them (macros, stdscr, a signal-safe flag).
        .target(name: "CTerminal", linkerSettings: [.linkedLibrary("ncursesw")]),
        // The typing screen: a pure screen model (frames of styled cells) and the ncurses painter and input loop.
        .target(name: "TerminalUI", dependencies: ["TypeBarKit", "CTerminal"]),
        // The thin command-line front end.
        .executableTarget(
            name: "typebar",
            dependencies: [
                "TypeBarKit",
                "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "TypeBarCoreTests",
            dependencies: ["TypeBarCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "TypeBarKitTests",
            dependencies: ["TypeBarKit", "history-stress", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        // A helper the history tests run as several processes at once; not shipped.
        .executableTarget(name: "history-stress", dependencies: ["TypeBarKit"], path: "Tests/HistoryStress"),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        // End-to-end tests: they run the built `typebar` binary.
        .testTarget(name: "TypeBarCLITests", dependencies: ["typebar"]),
    ],
    swiftLanguageModes: [.v6]
)
