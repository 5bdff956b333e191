import Foundation
import TypeBarKit

/// Reading a trainer's page from its file, at the edge: the renderer is handed text (`init(page:path:)`) and reads
/// nothing itself.
extension ReportTemplate {
    /// A trainer's page, read from `path`: a Mustache template that may include the built-in partials.
    public init(path: String) throws(TypeBarError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .cannotRead(path: path, reason: "no such template file; docs/reports.md has an example, or leave out --template for the built-in page")
        }
        guard !isDirectory.boolValue else { throw .cannotRead(path: path, reason: "it is a directory; give a template file") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .cannotRead(path: path, reason: error.localizedDescription)
        }
        guard data.count <= ReportTemplate.maximumBytes else {
            throw .badFile(path: path, problem: "the template is \(data.count) bytes; a template holds at most 1 MiB")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .badFile(path: path, problem: "the template is not UTF-8 text") }
        try self.init(page: text, path: path)
    }
}
