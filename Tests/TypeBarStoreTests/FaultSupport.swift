import Foundation
import TestSupport

/// Waits up to `seconds` for `condition`, checking every 10 ms; whether it came true.
func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
    let end = Date(timeIntervalSinceNow: seconds)
    while Date() < end {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

/// Work on another thread, waited for later.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private let result = Shared<Result<Value, any Error>?>(nil)

    init(_ work: @escaping @Sendable () throws -> Value) {
        group.enter()
        DispatchQueue.global().async { [self] in
            result.value = Result(catching: work)
            group.leave()
        }
    }

    var isDone: Bool { group.wait(timeout: .now()) == .success }

    func wait() throws -> Value {
        group.wait()
        return try result.value!.get()
    }
}

/// A TCP server on a free loopback port that accepts connections and never says a word: a store whose host hangs.
final class SilentServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let held = Shared<[Int32]>([])
    private let running = Shared(true)

    var accepted: Int { held.value.count }

    init() throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw TestFailure("the silent server cannot listen: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        let held = self.held, running = self.running
        Thread.detachNewThread {
            while running.value {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { continue }
                held.update { $0.append(client) }
            }
        }
    }

    func stop() {
        running.value = false
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for client in held.value { close(client) }
    }
}
