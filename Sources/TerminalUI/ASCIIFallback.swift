/// `text` with each character outside ASCII replaced as the typing screen replaces it without UTF-8
/// (`·` becomes `-`, `█` `#`, `✓` `+`; anything without a likeness `?`).
public func asciiTransliterated(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        result.append(Unicode.Scalar(asciiFallback(scalar.value)) ?? "?")
    }
    return String(result)
}

/// The ASCII character shown for `scalar` when the locale cannot show more: lines and marks keep their
/// shape, block characters become `#` (at least half a cell) or `.`, anything else `?`.
public func asciiFallback(_ scalar: UInt32) -> UInt32 {
    if scalar < 0x7F { return scalar }
    switch scalar {
    case 0xB7, 0x2500, 0x254C, 0x2013, 0x2014, 0x2212: return 0x2D               // · ─ ╌ – — −  ->  -
    case 0x2502: return 0x7C                                                      // │  ->  |
    case 0x2524: return 0x2B                                                      // ┤  ->  +
    case 0x2190: return 0x3C                                                      // ←  ->  <
    case 0x2192: return 0x3E                                                      // →  ->  >
    case 0x2191: return 0x5E                                                      // ↑  ->  ^
    case 0x2193: return 0x76                                                      // ↓  ->  v
    case 0xD7, 0x2717: return 0x78                                                // × ✗  ->  x
    case 0x2713: return 0x2B                                                      // ✓  ->  +
    case 0x2026: return 0x2E                                                      // …  ->  .
    case 0x25CF: return 0x2A                                                      // ●  ->  *
    case 0x25B6: return 0x3E                                                      // ▶  ->  >
    case 0x270E: return 0x7E                                                      // ✎  ->  ~
    case 0x2039: return 0x3C                                                      // ‹  ->  <
    case 0x203A: return 0x3E                                                      // ›  ->  >
    case 0x2018, 0x2019: return 0x27
    case 0x201C, 0x201D: return 0x22
    case 0x2581...0x2583: return 0x2E
    case 0x2584...0x2588: return 0x23
    default: return 0x3F
    }
}
