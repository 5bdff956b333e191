@_exported import TypeBarCore
