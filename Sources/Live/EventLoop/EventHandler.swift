/// What an event loop calls when a registered descriptor is ready. Handlers
/// live on their loop's thread only (not Sendable), like the loop itself.
public protocol EventHandler: AnyObject {
    /// `fd` is ready for `events`. Level-triggered: if the handler leaves
    /// data unread, it is called again on the next iteration.
    func handle(_ events: EpollEvents, fd: FileDescriptor, loop: EventLoop)
    /// The loop is shutting down with `fd` still registered: close it
    /// (`loop.close(fd)`) and drop any state. Called once per registration, in fd order.
    func loopIsClosing(fd: FileDescriptor, loop: EventLoop)
}
