import Foundation
import Testing

@Suite("typebar passages, end to end")
struct PassagesCommandTests {
    let scratch = Scratch()

    @Test("The binary carries every passage: copied alone to an empty directory it still lists them all")
    func selfContained() throws {
        let lonely = scratch.url.appendingPathComponent("bin/typebar")
        try FileManager.default.createDirectory(at: lonely.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Copied through a descriptor closed on exec: a process another test starts while the copy is open for
        // writing would otherwise keep that descriptor for as long as it runs, and the kernel refuses to run a
        // file open for writing ("Text file busy"). One forked and not yet started can still hold it a moment:
        // that is tried again briefly rather than failed on.
        let bytes = try Data(contentsOf: typebarBinary)
        let descriptor = open(lonely.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        try #require(descriptor >= 0, "cannot create \(lonely.path): errno \(errno)")
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        try #require(written == bytes.count, "wrote \(written) of \(bytes.count) bytes")
        var attempt = 0
        func runAlone(_ arguments: [String]) throws -> Run {
            while true {
                do {
                    return try typebar(arguments, executable: lonely, directory: lonely.deletingLastPathComponent())
                } catch let error as NSError where attempt < 20 && (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.code == Int(ETXTBSY) {
                    attempt += 1
                    Thread.sleep(forTimeInterval: 0.1)
                }
            }
        }
        let run = try runAlone(["passages", "list", "--json"])
        #expect(run.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(list.count >= 80)
        let words = list.reduce(0) { $0 + ($1["words"] as? Int ?? 0) }
        #expect(words >= 8_000)
        let show = try runAlone(["passages", "show", list[0]["id"] as? String ?? ""])
        #expect(show.status == 0)
    }

    @Test("list filters by category and shows id, category, difficulty and words")
    func list() throws {
        let run = try typebar(["passages", "list", "--category", "billing"])
        #expect(run.status == 0)
        let rows = run.stdout.split(separator: "\n").dropFirst().dropLast()
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.hasPrefix("billing/") })
        #expect(run.stdout.hasPrefix("ID"))
    }

    @Test("show prints the text; an unknown id exits 2 with suggestions")
    func show() throws {
        let run = try typebar(["passages", "show", "billing/charged-twice"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("billing/charged-twice"))
        let unknown = try typebar(["passages", "show", "billing/charged-twice-please"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean billing/charged-twice"))
        let outside = try typebar(["passages", "show", "../../etc/passwd"])
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("is not a passage id"))
    }

    @Test("--passages adds a trainer's own passages; a broken one is a warning, not a failure")
    func userPassages() throws {
        scratch.write("mine/returns/label.txt", "Hi Sam, your prepaid return label is attached to this chat.")
        scratch.write("mine/returns/broken.txt", "---\ntitle: never closed\n")
        let run = try typebar(["passages", "show", "returns/label", "--passages", scratch.url.appendingPathComponent("mine").path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Hi Sam"))
        #expect(run.stderr.contains("broken.txt:1: front matter opened with '---' is never closed"))
        let viaEnvironment = try typebar(["passages", "list", "--category", "returns"],
                                         environment: ["TYPEBAR_PASSAGES": scratch.url.appendingPathComponent("mine").path])
        #expect(viaEnvironment.stdout.contains("returns/label"))
    }

    @Test("lint finds each kind of problem with its line and column, and exits 1")
    func lintProblems() throws {
        let dir = scratch.url.appendingPathComponent("lint")
        scratch.write("lint/ok/fine.txt", "Hi Ana, thanks for your patience while I check this.\n")
        scratch.write("lint/bad/quotes.txt", "Hi Ana, it\u{2019}s fixed \u{2014} see \u{201C}Orders\u{201D}\u{2026}\n")
        scratch.write("lint/bad/spacing.txt", "Hi Ana,  thanks for waiting. \nSecond\tline is here and long enough.\n")
        scratch.write("lint/bad/short.txt", "Hi Ana.\n")
        scratch.write("lint/bad/empty.txt", "")
        scratch.write("lint/bad/emoji.txt", "Hi Ana, all done now \u{1F600} have a lovely day.\n")
        scratch.write("lint/bad/control.txt", "Hi Ana, a bell \u{07} rings in this line of text.\n")
        scratch.write("lint/bad/front.txt", "---\ntitle: x\ncolour: blue\ndifficulty: brutal\n---\nHi Ana, the front matter above is wrong.\n")
        scratch.write("lint/bad/Dupe.txt", "Hi Ana, this one has the same id as another file.\n")
        scratch.write("lint/bad/dupe.TXT", "Hi Ana, this one has the same id as another file.\n")
        try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: dir.appendingPathComponent("bad/binary.txt"))
        try Data("Hi Ana, fine line\nbroken \u{00}".utf8.dropLast(1) + [0xC3, 0x28, 0x0A]).write(to: dir.appendingPathComponent("bad/utf8.txt"))
        let run = try typebar(["passages", "lint", dir.path])
        #expect(run.status == 1)
        let out = run.stdout.replacingOccurrences(of: dir.path + "/", with: "")
        let expected = [
            "bad/quotes.txt:1:11: '\u{2019}' (U+2019 RIGHT SINGLE QUOTATION MARK) is not on a US keyboard; use '",
            "bad/quotes.txt:1:20: '\u{2014}' (U+2014 EM DASH) is not on a US keyboard; use -",
            "bad/spacing.txt:1:9: two spaces in a row; use one",
            "bad/spacing.txt:1:29: trailing space at the end of the line",
            "bad/spacing.txt:2:7: a tab; use a single space",
            "bad/short.txt:1: too short to score: 7 characters; a passage needs at least 25",
            "bad/empty.txt:1: the passage is empty: there is no text to type",
            "bad/emoji.txt:1:22: '\u{1F600}' (U+1F600 GRINNING FACE) is not on a US keyboard; rewrite it with keyboard characters",
            "bad/control.txt:1:16: control character (U+0007); remove it",
            "bad/front.txt:3: unknown front matter field \"colour\"",
            "bad/front.txt:4: difficulty \"brutal\" is not easy, medium or hard",
            "bad/binary.txt:1: the file is binary",
            "bad/utf8.txt:2: the text is not valid UTF-8",
            "duplicate passage id bad/dupe",
        ]
        for line in expected {
            #expect(out.contains(line), "missing: \(line)\n--- got ---\n\(out)")
        }
        #expect(!out.contains("ok/fine.txt"))
    }

    @Test("lint --fix rewrites quotes, dashes and ellipses, then the file is clean")
    func lintFix() throws {
        let path = scratch.write("fix/replies/quotes.txt", "Hi Ana, it\u{2019}s fixed \u{2014} see \u{201C}Orders\u{201D}\u{2026}\n")
        let run = try typebar(["passages", "lint", "--fix", scratch.url.appendingPathComponent("fix").path])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "Hi Ana, it's fixed - see \"Orders\"...\n")
        #expect(run.stdout.contains("5 characters"))
    }

    @Test("lint --fix on CR CR LF line endings leaves LF ones, and a second lint finds nothing (found by fuzzing)")
    func lintFixDoubleCarriageReturn() throws {
        let path = scratch.write("crcrlf/replies/double.txt", "Hi Ana, it is fixed.\r\r\nSee you soon.\r\r\n")
        let folder = scratch.url.appendingPathComponent("crcrlf").path
        let fix = try typebar(["passages", "lint", "--fix", folder])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("Hi Ana, it is fixed.\nSee you soon.\n".utf8), "\(fix.stdout)")
        let again = try typebar(["passages", "lint", folder])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
    }

    @Test("lint exits 2 when the directory cannot be read; the built-in set lints clean")
    func lintExitCodes() throws {
        let missing = try typebar(["passages", "lint", "/nonexistent/passages"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/passages: cannot read: no such directory"))
        let builtIn = try typebar(["passages", "lint"])
        #expect(builtIn.status == 0)
        #expect(builtIn.stdout.contains("all clean"))
    }
}
