// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "typebar",
    products: [
        .executable(name: "typebar", targets: ["typebar"]),
        .library(name: "TypeBarCore", targets: ["TypeBarCore"]),
        .library(name: "TypeBarKit", targets: ["TypeBarKit"]),
        // For the fuzz targets (Fuzz/): the key decoder and the stats screen, and the report renderers.
        .library(name: "TerminalUI", targets: ["TerminalUI"]),
        .library(name: "TypeBarReports", targets: ["TypeBarReports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Pure scoring: keystrokes with timestamps in, results out; the figures' formatting and chart series.
        // No I/O, no clocks, no dependencies.
        .target(name: "TypeBarCore"),
        // Byte-level JSON reading and writing, the line reader, timestamps, and the keystroke-log and history-line
        // codecs: all the unsafe pointer code in one module, fuzzed and property-tested.
        // swift-system's FileDescriptor does the raw reads and writes (all of each write, retried on EINTR, Errno).
        // Its JSON cursor reads a line through a Span it may not outlive (~Escapable, @_lifetime): the Lifetimes feature.
        .target(
            name: "TypeBarFormats",
            dependencies: ["TypeBarCore", .product(name: "SystemPackage", package: "swift-system")],
            swiftSettings: [.enableExperimentalFeature("Lifetimes")]
        ),
        // Files and policies: the history (file, query, stats, audit, signing), passages, assessments.
        // swift-crypto gives the text hashes and the HMAC signatures; Yams reads assessment configs.
        .target(name: "TypeBarKit", dependencies: [
            "TypeBarCore",
            "TypeBarFormats",
            .product(name: "SystemPackage", package: "swift-system"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Yams", package: "Yams"),
        ]),
        // The renderers: a score as text or JSON (typebar score), and the assessment report model and its renderers
        // (HTML, CSV, JSON, Markdown). The HTML page comes from the
        // Mustache templates in Templates/, embedded as BuiltInTemplates.swift (scripts/embed-templates.py) so the
        // binary needs no file beside it; the engine escapes every value it places.
        .target(
            name: "TypeBarReports",
            dependencies: [
                "TypeBarKit", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            exclude: ["Templates"]
        ),
        // The PostgreSQL results store: one place every machine of a hiring team writes to. Its own module, so only
        // the command line and its tests pay for SwiftNIO.
        .target(name: "TypeBarStore", dependencies: [
            "TypeBarKit",
            "TypeBarReports",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        // The pure screen model: frames of styled cells from state and size, layout, the key decoder, typing
        // sessions, the views and charts. No terminal, no files.
        .target(name: "TerminalUI", dependencies: ["TypeBarCore", "TypeBarFormats"]),
        // Hunspell's C interface (Debian's libhunspell-dev), and the spell checker over it: only free-written replies and
        // the proofreading drill need it, so it is a module of its own.
        .systemLibrary(name: "CHunspell", providers: [.apt(["libhunspell-dev", "hunspell-en-us"])]),
        .target(name: "TypeBarSpelling", dependencies: ["CHunspell", "TypeBarCore"]),
        // ncursesw and POSIX signals, wrapped where Swift cannot reach them (macros, stdscr, a signal-safe flag).
        .target(name: "CTerminal", linkerSettings: [.linkedLibrary("ncursesw")]),
        // The ncurses loop and painter: shows TerminalUI's frames and feeds it keys.
        .target(name: "TerminalScreen", dependencies: ["TerminalUI", "TypeBarFormats", "CTerminal"]),
        // The commands and their option groups, testable in-process.
        .target(name: "TypeBarCLI", dependencies: [
            "TypeBarKit",
            "TypeBarReports",
            "TypeBarStore",
            "TerminalUI",
            "TerminalScreen",
            "TypeBarSpelling",
            .product(name: "SystemPackage", package: "swift-system"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "typebar", dependencies: ["TypeBarCLI"]),
        // What several test targets share: a scratch folder and the worked example.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "TypeBarCoreTests",
            dependencies: ["TypeBarCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "TypeBarFormatsTests",
            dependencies: [
                "TypeBarFormats", "TestSupport", .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "TypeBarKitTests",
            dependencies: ["TypeBarKit", "TestSupport", "history-stress", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        // A helper the history tests run as several processes at once; not shipped.
        .executableTarget(name: "history-stress", dependencies: ["TypeBarKit"], path: "Tests/HistoryStress"),
        .testTarget(name: "TypeBarReportsTests", dependencies: ["TypeBarReports", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", .product(name: "PropertyBased", package: "swift-property-based")]),
        // With the kit: free mode's worked examples and the built-in scenarios checked against the real dictionary.
        .testTarget(name: "TypeBarSpellingTests", dependencies: ["TypeBarSpelling", "TypeBarKit"]),
        // The commands in-process, and end to end: the built `typebar` binary, in tmux for the screens.
        // Store tests run against a real PostgreSQL (TYPEBAR_TEST_STORE, or a throwaway cluster they start).
        .testTarget(name: "TypeBarStoreTests", dependencies: ["TypeBarStore", "TestSupport", "typebar", "store-stress"]),
        // A helper the store tests run as several processes at once; not shipped.
        .executableTarget(name: "store-stress", dependencies: ["TypeBarStore"], path: "Tests/StoreStress"),
        .testTarget(name: "TypeBarCLITests", dependencies: ["TypeBarCLI", "TestSupport", "typebar"]),
    ],
    swiftLanguageModes: [.v6]
)
