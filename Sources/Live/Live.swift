/// Live: the model's world on real sockets (loopback). Files, one job each:
///
/// - `System/`: every system call, in one place. `System.swift` (read, send,
///   sendmsg, close, shutdown; EINTR retried, would-block as `IOResult`),
///   `System+Sockets.swift` (socket, bind, listen, accept4, connect, socket
///   options), `System+Events.swift` (epoll, eventfd, timerfd),
///   `System+Process.swift` (RLIMIT_NOFILE, SIGPIPE), `SystemError.swift` (which
///   call failed and why), `SocketAddress.swift` (IPv4), `MonotonicClock.swift`,
///   `FileDescriptor.swift`, `IOResult.swift`.
/// - `EventLoop/`: one epoll loop per thread (`EventLoopThread.query` reads
///   a loop's state from another thread). `EventLoop.swift` (registrations
///   with generations, the iteration: events, then timers, then jobs),
///   `EventLoop+Timers.swift` and `TimerHeap.swift` (nanosecond timers on one
///   timerfd), `EventLoopHandle.swift` (cross-thread jobs, eventfd wake-up),
///   `EventLoopThread.swift` (a thread running a loop, with join),
///   `EventHandler.swift`, `EpollEvents.swift`.
/// - `HTTP/`: HTTP/1.1 (RFC 9112), incremental and in place.
///   `HTTPMessageReader.swift` (bytes -> heads, body ranges, ends),
///   `HTTPHeadScanner.swift` (finds a head's end, checks CRLF),
///   `HTTPHeadParser.swift` and `HTTPHeadParser+FieldFacts.swift` (start line,
///   fields, framing and keep-alive facts), `HTTPBodyDecoder.swift`
///   (Content-Length, chunked, until close), `HTTPHead.swift`, `HTTPLimits.swift`,
///   `HTTPParseError.swift`, `HTTPBytes.swift` (byte classes),
///   `HTTPMessageWriter.swift` (requests and responses into a byte buffer).
/// - `Connection/`: `SocketConnection.swift` (a non-blocking TCP connection on a
///   loop: buffered output, reads into a reader, FIN or RST close),
///   `SocketConnection+Delay.swift` and `LinkDelay.swift` (the model's network
///   on loopback: delayed writes, closes and handshakes), `ConnectionDelegate.swift`,
///   `ConnectionEnd.swift`, `Listener.swift` (shared listeners with EPOLLEXCLUSIVE;
///   a 500 ms pause when descriptors run out).
/// - `Backend/`: `LiveBackend.swift` (a server that behaves like the model's
///   backend; ProxyModel's `BackendKeepalivePolicy` decides),
///   `BackendWorkerPool.swift` (workers and service time on timers),
///   `BackendConnectionState.swift`, `LiveBackendConfiguration.swift`,
///   `LiveBackendCounters.swift`, `LiveBackendGroup.swift` (the model's
///   backends on a thread of their own).
/// - `Proxy/`: the built-in proxy, NginxWorker's second driver.
///   `LiveProxy.swift` (worker threads, the shared listener, start and stop),
///   `LiveProxyWorker.swift` (socket events as the worker's inputs, HTTP in
///   and out), `LiveProxyWorker+Actions.swift` (the worker's actions as
///   syscalls), `LiveProxyWorker+Timers.swift` and `LazyLoopTimer.swift` (its
///   deadlines on loop timers), `ProxyClientConnection.swift`,
///   `ProxyUpstreamConnection.swift`, `LiveUpstreamZones.swift` (`zone`
///   balancers under a lock), `LiveProxyConfiguration.swift`, `LiveProxyCounters.swift`.
/// - `LoadGenerator/`: `LoadGenerator.swift` (the model's traffic from Traffic's
///   generators with the simulator's stream names: open loop, closed loop,
///   trace), `LoadGenerator+Connections.swift` (clients' keep-alive
///   connections), `GeneratorConnection.swift`, `LoadGeneratorConfiguration.swift`,
///   `LoadGeneratorResult.swift` (Measurement's histograms, late sends, failures).
///
/// Live never imports Simulation: the two drivers share ProxyModel and below.
public enum Live {}
