// TypeBarKit's callers score, record and report; they see the core's value types through it.
@_exported import TypeBarCore
