import CTerminal
import Foundation
import SystemPackage
import TerminalUI
import TypeBarKit

#if canImport(Glibc)
import Glibc
#endif

/// Where standard output goes: its width when it is a terminal, and how to style text for it.
enum StandardOutput {
    static var isTerminal: Bool { isatty(1) == 1 }

    static var columns: Int {
        var size = winsize()
        if isTerminal, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = Environment.value("COLUMNS").flatMap(Int.init), columns > 0 { return columns }
        return 100
    }

    /// How to style text here in the colours in force (`NO_COLOR`, else the settings file's `colours`, else as many
    /// as the terminal's TERM and COLORTERM say).
    static func style(_ colours: PersonalSettings.Colours) -> TextStyle {
        guard isTerminal else { return .plain }
        switch colours {
        case .auto: return TextStyle.forOutput(isTerminal: true, environment: Environment.pick("NO_COLOR", "COLORTERM", "TERM"))
        case .eight: return .color
        case .full: return .color256
        case .noColour: return .attributes
        }
    }

    static var utcOffset: Int { TimeZone.current.secondsFromGMT() }

    /// A terminal whose locale is not UTF-8 gets ASCII, as the typing screen draws then.
    static var ascii: Bool { isTerminal && !localeIsUTF8 }

    /// Whether the environment's locale (`LC_ALL`, `LC_CTYPE`, `LANG`) encodes text as UTF-8. When it does not
    /// (`LANG=C`), the terminal cannot show box drawing, blocks or marks, and output is drawn in ASCII.
    static var localeIsUTF8: Bool { tb_locale_is_utf8() != 0 }

    /// Prints `text` line by line, in ASCII where the terminal needs it.
    static func print(_ text: String) {
        Swift.print(ascii ? asciiTransliterated(text) : text)
    }

    /// Prints a sentence wrapped at word boundaries to the output's width.
    static func printSentence(_ text: String) {
        for line in wrapWords(text, width: columns) { print(line) }
    }
}

/// Prints a warning per kind of skipped line.
func warn(_ skipped: HistoryFile.Skipped, _ file: HistoryFile) {
    for warning in skipped.warnings(path: file.path) { printError("typebar: warning: \(warning)") }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
}

struct StandardError: TextOutputStream {
    /// Every byte, retried when a signal interrupts; a message that cannot be shown has nowhere else to go.
    mutating func write(_ string: String) {
        _ = try? FileDescriptor.standardError.writeAll(string.utf8)
    }
}
