import FuzzSupport
import TypeBarKit

/// The settings file reader, as every command that reads settings runs it: any bytes as the file (read from disk,
/// so the size limit and the text check run too), then the settings in force over it with no option and no
/// environment, and their listing as `typebar settings` prints it. A value the file sets is in force, from its line.
enum SettingsTarget {
    static let file = ScratchFile("settings.yaml")
    static func environment(_ name: String) -> String? { name == "HOME" ? "/home/fuzz" : nil }

    static func test(_ bytes: UnsafeRawBufferPointer) {
        file.write(bytes)
        let location = SettingsFile.location(option: file.path, environment: environment)
        guard let settings = try? SettingsFile.load(location, environment: environment) else { return }
        let inForce = PersonalSettings.resolve(PersonalSettings.Options(), file: settings, location: location, environment: environment)
        if let bar = settings.bar {
            require(inForce.bar == PersonalSettings.Setting(bar.value, .file(path: file.path, line: bar.line)), "the file's bar is not in force")
        }
        _ = inForce.lines(showingStore: { $0 })
        var writer = JSONWriter()
        inForce.writeJSON(to: &writer, showingStore: { $0 })
        _ = writer.text
    }
}

/// libFuzzer's entry point: SwiftPM builds fuzz targets as libraries with libFuzzer's own main.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    SettingsTarget.test(input(data, count))
    return 0
}
