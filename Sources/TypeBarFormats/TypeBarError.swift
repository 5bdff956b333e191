/// Everything that can go wrong reading typebar's inputs. Each message names the file, the line when there is
/// one, and what to do; the command line prints it and exits 2.
public enum TypeBarError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file or directory that cannot be opened or read.
    case cannotRead(path: String, reason: String)
    /// A file or folder that cannot be written (a full disk, a read-only file, no permission).
    case cannotWrite(path: String, reason: String)
    /// A problem on one line of an input file.
    case badLine(path: String, line: Int, problem: String)
    /// A problem with a file as a whole.
    case badFile(path: String, problem: String)
    /// Options that do not fit together, or a command that cannot run here (no terminal).
    case usage(String)
    /// Something named that does not exist: a passage, a category, a preset, a result's id.
    case notFound(String)
    /// typebar's own fault, not the input's: the message says what failed.
    case `internal`(String)

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): return "\(path): cannot read: \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .badLine(let path, let line, let problem): return "\(path):\(line): \(problem)"
        case .badFile(let path, let problem): return "\(path): \(problem)"
        case .usage(let message), .notFound(let message): return message
        case .internal(let message): return "internal error: \(message); please report it"
        }
    }
}
