import Foundation
import Preview

/// The open pages' event streams: the rebuild loop publishes, every connected page receives.
///
/// It remembers the last failure, so a page opened (or reloaded) while a lesson is broken shows
/// the overlay at once instead of waiting for the next build.
public actor ReloadHub {
    private var clients: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
    private var nextID = 0
    private var lastFailure: BuildEvent?

    public init() {}

    /// How many pages are listening (for tests and the terminal).
    public var count: Int { clients.count }

    /// A new stream of wire bytes for one page; it starts with the reconnect delay and, if the
    /// last build failed, that failure.
    public func subscribe() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(64))
        let id = nextID
        nextID += 1
        clients[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        // `retry` keeps EventSource's reconnection quick when the server restarts.
        continuation.yield(Array("retry: 300\n: attnbook live reload\n\n".utf8))
        if let lastFailure { continuation.yield(Array(lastFailure.wire.utf8)) }
        return stream
    }

    /// Sends `event` to every page, and remembers it if it is a failure (a success forgets it).
    public func publish(_ event: BuildEvent) {
        if case .failed = event { lastFailure = event.replayed } else { lastFailure = nil }
        broadcast(Array(event.wire.utf8))
    }

    /// A comment line every page ignores: writing it finds the connections that closed.
    public func heartbeat() {
        broadcast(Array(": keep-alive\n\n".utf8))
    }

    private func broadcast(_ bytes: [UInt8]) {
        for (id, continuation) in clients {
            if case .terminated = continuation.yield(bytes) { clients[id] = nil }
        }
    }

    private func remove(_ id: Int) {
        clients[id] = nil
    }
}
