import Foundation
import Testing
import TypeBarFormats

@Suite("Reading the environment one variable at a time")
struct EnvironmentTests {
    @Test("A variable reads as Foundation reads it; an unset one is nil; pick keeps only the set ones")
    func readsLikeFoundation() {
        let all = ProcessInfo.processInfo.environment
        // PATH and HOME are set wherever the tests run; the long name is set nowhere.
        let unset = "TYPEBAR_TEST_UNSET_VARIABLE_7F3A"
        #expect(all["PATH"] != nil)
        #expect(Environment.value("PATH") == all["PATH"])
        #expect(all[unset] == nil && Environment.value(unset) == nil)
        let picked = Environment.pick("PATH", unset, "HOME")
        #expect(picked == all.filter { $0.key == "PATH" || $0.key == "HOME" })
    }
}
