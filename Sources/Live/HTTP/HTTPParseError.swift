/// Why bytes are not a valid HTTP/1.1 message. Offsets count from the
/// message's first byte. A server answers any of these with 400 (or
/// `responseStatus`) and closes: after a framing error nothing later on the
/// connection can be trusted (RFC 9112 11.2, request smuggling).
public enum HTTPParseError: Error, Hashable, Sendable, CustomStringConvertible {
    case headTooLarge(limit: Int)
    case tooManyFields(limit: Int)
    /// A line ended in LF without CR (this parser requires CRLF).
    case bareLineFeed(offset: Int)
    /// A CR not followed by LF.
    case strayCarriageReturn(offset: Int)
    case invalidRequestLine(offset: Int, expected: String)
    case invalidStatusLine(offset: Int, expected: String)
    case unsupportedVersion(String)
    case invalidFieldName(offset: Int)
    case invalidFieldValue(offset: Int)
    /// A field line starting with whitespace (obs-fold, RFC 9112 5.2).
    case obsoleteLineFolding(offset: Int)
    case invalidContentLength(String)
    case conflictingContentLengths
    /// Both framings: a smuggling vector (RFC 9112 6.3, rule 3); nginx refuses it too.
    case contentLengthWithTransferEncoding
    case unsupportedTransferCoding(String)
    /// An HTTP/1.1 request needs exactly one Host field (RFC 9112 3.2).
    case missingHost
    case duplicateHost
    case invalidChunkSize(offset: Int)
    case chunkSizeTooLarge(offset: Int)
    /// Chunk data not followed by CRLF.
    case missingChunkTerminator(offset: Int)
    case trailerTooLarge(limit: Int)
    /// The connection ended inside a message.
    case truncatedMessage

    /// The status a server answers with.
    public var responseStatus: Int {
        switch self {
        case .unsupportedVersion: return 505
        case .unsupportedTransferCoding: return 501
        default: return 400
        }
    }

    public var description: String {
        switch self {
        case .headTooLarge(let limit): return "head larger than \(limit) bytes"
        case .tooManyFields(let limit): return "more than \(limit) header fields"
        case .bareLineFeed(let offset): return "byte \(offset): line ends in LF without CR; expected CRLF"
        case .strayCarriageReturn(let offset): return "byte \(offset): CR not followed by LF"
        case .invalidRequestLine(let offset, let expected): return "byte \(offset): invalid request line; expected \(expected)"
        case .invalidStatusLine(let offset, let expected): return "byte \(offset): invalid status line; expected \(expected)"
        case .unsupportedVersion(let version): return "unsupported version \"\(version)\"; expected HTTP/1.0 or HTTP/1.1"
        case .invalidFieldName(let offset): return "byte \(offset): invalid header field name; expected a token followed by ':'"
        case .invalidFieldValue(let offset): return "byte \(offset): invalid byte in a header field value"
        case .obsoleteLineFolding(let offset): return "byte \(offset): folded header line (obs-fold) is not accepted"
        case .invalidContentLength(let value): return "invalid Content-Length \"\(value)\"; expected digits"
        case .conflictingContentLengths: return "several different Content-Length values"
        case .contentLengthWithTransferEncoding: return "both Content-Length and Transfer-Encoding"
        case .unsupportedTransferCoding(let coding): return "unsupported Transfer-Encoding \"\(coding)\"; expected chunked"
        case .missingHost: return "HTTP/1.1 request without Host"
        case .duplicateHost: return "several Host fields"
        case .invalidChunkSize(let offset): return "body byte \(offset): invalid chunk size; expected hex digits"
        case .chunkSizeTooLarge(let offset): return "body byte \(offset): chunk size too large"
        case .missingChunkTerminator(let offset): return "body byte \(offset): chunk data not followed by CRLF"
        case .trailerTooLarge(let limit): return "chunked trailer larger than \(limit) bytes"
        case .truncatedMessage: return "connection closed inside a message"
        }
    }
}
