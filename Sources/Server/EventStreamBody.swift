import FlyingFox
import FlyingSocks

/// An open-ended response body fed by a stream of byte chunks: the `text/event-stream` of one page.
///
/// FlyingFox sends a body without a length with chunked transfer encoding, one chunk per buffer
/// this returns, so every event reaches the browser as soon as it is published.
struct EventStreamBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8

    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty { guard let chunk = await base.next() else { return nil }; pending = chunk }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if pending.isEmpty {
                repeat { guard let chunk = await base.next() else { return nil }; pending = chunk } while pending.isEmpty
            }
            let n = Swift.min(Swift.max(count, 1), pending.count)
            let out = Array(pending.prefix(n))
            pending.removeFirst(n)
            return out
        }
    }
}
