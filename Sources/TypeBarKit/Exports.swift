// TypeBarKit's callers score, record and report; they see the core's value types and the formats through it.
@_exported import TypeBarCore
@_exported import TypeBarFormats
