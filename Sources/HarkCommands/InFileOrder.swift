import Dispatch

extension HarkCommands {
    /// `make(0)`, `make(1)`… on every core, each result handed to `deliver`
    /// in order as soon as it and those before it are made. The worker that
    /// makes the next result in line delivers it, and any after it already
    /// made, so no thread waits to print: a folder of small files costs no
    /// thread switch per file. `deliver` runs under a lock, one result at a
    /// time, so it may use what the caller owns; `make` may only read
    /// shared state. Results made out of order wait in memory until their turn.
    static func inFileOrder<Value>(_ count: Int, make: (Int) -> Value, deliver: (Value) -> Void) {
        withoutActuallyEscaping(make) { make in
            withoutActuallyEscaping(deliver) { deliver in
                let line = DeliveryLine<Value>(count: count, make: make, deliver: deliver)
                // Not on the calling (main) thread: what its allocator frees
                // at the top of the heap goes back to the system, so the next
                // file's buffers would be paged in again (measured: 3.6 times
                // the page faults on a folder of small files).
                let done = DispatchSemaphore(value: 0)
                DispatchQueue.global().async {
                    DispatchQueue.concurrentPerform(iterations: count) { line.make($0) }
                    // The closures go before the caller goes on: they must not outlive its call.
                    line.finish()
                    done.signal()
                }
                done.wait()
            }
        }
    }
}

/// The results made and not yet delivered, and the next to deliver.
private final class DeliveryLine<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private var next = 0
    private let lock = DispatchLock()
    private var maker: ((Int) -> Value)?
    private var deliver: ((Value) -> Void)?

    init(count: Int, make: @escaping (Int) -> Value, deliver: @escaping (Value) -> Void) {
        slots = Array(repeating: nil, count: count)
        maker = make
        self.deliver = deliver
    }

    func make(_ index: Int) {
        let value = maker!(index)
        lock.locked {
            slots[index] = value
            while next < slots.count, let ready = slots[next] {
                slots[next] = nil
                next += 1
                deliver!(ready)
            }
        }
    }

    func finish() {
        maker = nil
        deliver = nil
    }
}
