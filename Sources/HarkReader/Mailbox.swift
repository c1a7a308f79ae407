import Glibc
import HarkCore
import TerminalKit

/// Where work done off the loop leaves its results for the loop: a queue
/// of values behind a lock, and a pipe that the loop's wait (`poll`) wakes
/// on. Each value is handed over once: `post` takes it as `sending`, so the
/// compiler checks that the worker keeps no reference to it.
final class Mailbox<Message>: @unchecked Sendable {
    private let lock = Lock()
    private var messages: [Message] = []
    private let readEnd: Int32
    private let writeEnd: Int32

    init() {
        guard let pipe = makeWakePipe() else { fatalError("no pipe for the reader's mailbox: \(errno)") }
        readEnd = pipe.read
        writeEnd = pipe.write
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// The descriptor that becomes readable when something is posted.
    var wakeDescriptor: Int32 { readEnd }

    func post(_ message: sending Message) {
        lock.withLock { messages.append(message) }
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)  // a full pipe already wakes the loop
    }

    /// Everything posted so far, in order.
    func take() -> [Message] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readEnd, &buffer, buffer.count) > 0 {}
        return lock.withLock {
            defer { messages.removeAll() }
            return messages
        }
    }
}
