/// Which of nginx's per-pass phases an event belongs to; decides the order of
/// events that fall on the same instant.
///
/// The same-instant rule: an nginx worker's loop pass handles network events
/// first, then expired timers, then posted events
/// (`ngx_process_events_and_timers` in src/event/ngx_event.c). So at one
/// instant every `.network` event runs before any `.timer` event, and within a
/// phase events run in the order they were scheduled. A request that arrives
/// at the same instant as an idle-timeout expiry therefore finds the
/// connection still open: the request wins.
public enum EventPhase: UInt8, Sendable, CaseIterable {
    /// I/O readiness and everything that is not a timer: arrivals, packets,
    /// service completions.
    case network = 0
    /// Timer expiries: idle timeouts, connect/read timeouts, think times.
    case timer = 1
}
