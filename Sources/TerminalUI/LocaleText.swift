#if canImport(Glibc)
import Glibc
#endif

/// Whether the environment's locale (`LC_ALL`, `LC_CTYPE`, `LANG`) encodes text as UTF-8. When it does not
/// (`LANG=C`), the terminal cannot show box drawing, blocks or marks, and output is drawn in ASCII.
public func environmentLocaleIsUTF8() -> Bool {
    setlocale(LC_CTYPE, "")
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    return String(cString: codeset).uppercased().filter { $0 != "-" } == "UTF8"
}

/// `text` with each character outside ASCII replaced as the typing screen replaces it without UTF-8
/// (`·` becomes `-`, `█` `#`, `✓` `+`; anything without a likeness `?`).
public func asciiTransliterated(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        result.append(Unicode.Scalar(Terminal.asciiFallback(scalar.value)) ?? "?")
    }
    return String(result)
}
