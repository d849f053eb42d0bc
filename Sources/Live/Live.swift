/// Live: the model's world on real sockets (loopback). Files, one job each:
///
/// - `System/`: every system call, in one place. `System.swift` (read, send,
///   sendmsg, close, shutdown; EINTR retried, would-block as `IOResult`),
///   `System+Sockets.swift` (socket, bind, listen, accept4, connect, options),
///   `System+Events.swift` (epoll, eventfd, timerfd), `System+Process.swift`
///   (RLIMIT_NOFILE, SIGPIPE), `SystemError.swift` (which call failed and
///   why), `SocketAddress.swift` (IPv4 addresses), `MonotonicClock.swift`.
/// - `EventLoop/`: one epoll loop per thread. `EventLoop.swift` (registrations
///   with generations, the iteration: events, timers, jobs), `EventLoop+Timers.swift`
///   and `TimerHeap.swift` (nanosecond timers on one timerfd), `EventLoopHandle.swift`
///   (cross-thread jobs and wake-up), `EventLoopThread.swift` (a thread running a loop),
///   `EventHandler.swift`, `EpollEvents.swift`.
/// - `HTTP/`: HTTP/1.1 (RFC 9112), incremental and zero-copy: `HTTPMessageReader.swift`
///   turns bytes into heads and body ranges; `HTTPHeadParser.swift` parses a head;
///   `HTTPBodyDecoder.swift` frames bodies (Content-Length, chunked, until close);
///   `HTTPHead.swift`, `HTTPParseError.swift`, `HTTPMessageWriter.swift`.
/// - `Connection/`: `SocketConnection.swift`, a non-blocking TCP connection on a
///   loop (buffered output, read into a reader, FIN or RST close); `Listener.swift`.
/// - `Backend/`: `LiveBackend.swift`, a server that behaves like the model's backend
///   (ProxyModel's `BackendKeepalivePolicy` decides), its configuration and counters.
/// - `LoadGenerator/`: `LoadGenerator.swift`, the model's traffic (Traffic's
///   generators, same seed) open or closed loop, latencies into Measurement's histograms.
///
/// Live never imports Simulation: the two drivers share ProxyModel and below.
public enum Live {}
