/// How many decimals each kind of number gets in every writer (JSON, CSV,
/// table), chosen once so that the formats agree and output stays stable.
public enum ReportDecimals {
    /// Milliseconds: microsecond resolution.
    public static let milliseconds = 3
    /// Seconds of measured window and CPU time.
    public static let seconds = 3
    /// Rates per second (requests/s).
    public static let perSecond = 3
    /// Shares 0...1 (reuse ratio, utilisation, busy fraction, port use).
    public static let ratio = 4
    /// Averages of counts (requests per connection, connections per 1,000 requests, requests in flight).
    public static let average = 3
    /// Handshake seconds per second: small numbers at low rates.
    public static let handshakeSecondsPerSecond = 6
}
