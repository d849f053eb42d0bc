/// Bounds on what a peer may send, so a hostile or broken peer costs bounded
/// memory: nginx's `large_client_header_buffers` (4 x 8k) refuses longer heads with 400.
public struct HTTPLimits: Hashable, Sendable {
    /// Bytes in a head, request/status line and empty line included (also bounds chunked trailers).
    public var maxHeadBytes: Int
    /// Header fields in a head (and in chunked trailers).
    public var maxFields: Int

    public init(maxHeadBytes: Int = 8192, maxFields: Int = 100) {
        self.maxHeadBytes = maxHeadBytes; self.maxFields = maxFields
    }
}
