import CTerminal
import Testing

/// The command line as typebar hands it to the standard library in its release build (Sources/CTerminal/Arguments.c):
/// kept by a constructor from what glibc passes. Here the runtime is a shared library that finds the command line its
/// own way, so `CommandLine.arguments` is an independent answer to hold it to.
@Suite("The command line kept at start")
struct ProcessArgumentsTests {
    @Test("It is the process's own, argument for argument, and ends with the null C requires")
    func sameAsTheRuntimes() throws {
        var count: Int32 = -1
        let argv = try #require(tb_process_arguments(&count))
        let kept = (0..<Int(count)).map { argv[$0].map { String(cString: $0) } }
        #expect(count >= 1)
        #expect(kept == CommandLine.arguments.map(Optional.some))
        #expect(argv[Int(count)] == nil)
    }
}
