import Measurement
import Simulation

/// An ASCII sequence diagram of recorded lifecycle events, for teaching: one
/// line per event, in time order, written in the column of the party it
/// happens at (client | nginx worker | backend). An arrow on a column's edge
/// shows a message leaving toward, or arriving from, the neighbouring column.
///
///       time ms | client                 | nginx worker                   | backend
///        20.109 | #1 opens c1            |                                |
///        20.109 | #1 request on c1    -->|                                |
///        20.859 |                        |--> #1 at w0 on c1              |
///        20.859 |                        | w0 opens u1 to b0           -->|
///        21.359 |                        | u1 handshake done, sends #1 -->|
///        21.609 |                        |                                |--> #1 at b0 on u1
struct TimelineDiagram {
    var requestLimit: Int
    /// The first request drawn (1 for `--timeline`).
    var firstRequest: Int64 = 1
    var events: [LifecycleEvent]
    /// For the legend, by backend index: `app 10.0.0.1:8080`.
    var backendNames: [String]

    /// The legend and the diagram; every line ends with a newline, none has trailing spaces.
    var text: String {
        var text = firstRequest > 1
            ? "Timeline of \(requestLimit) request\(requestLimit == 1 ? "" : "s") from #\(firstRequest) (virtual time in ms)\n"
            : "Timeline of the first \(requestLimit) request\(requestLimit == 1 ? "" : "s") (virtual time in ms)\n"
        text += "#N request, cN client connection, wN nginx worker, uN upstream connection, bN backend"
        text += backendNames.isEmpty ? "\n" : ":\n" + backendNames.enumerated().map { "  b\($0.offset) = \($0.element)\n" }.joined()
        guard !events.isEmpty else { return text + "(no request was sent)\n" }

        // Stable time order: the open of a connection opened for a later
        // request is recorded when one of the first N first uses it, after
        // events that happened in between.
        let ordered = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        var sentAt: [Int64: Int64] = [:]  // request -> first send, for response times; looked up only
        var rows: [(time: String, column: Int, cell: Cell)] = []
        for event in ordered {
            if event.kind == .requestSent, sentAt[event.request] == nil { sentAt[event.request] = event.time.nanoseconds }
            let since = sentAt[event.request].map { event.time.nanoseconds - $0 }
            let (column, cell) = Self.placement(of: event, sinceSent: since)
            rows.append((NumberText.milliseconds(nanoseconds: event.time.nanoseconds), column, cell))
        }

        let titles = ["client", "nginx worker", "backend"]
        let timeWidth = max("time ms".count, rows.map(\.time.count).max() ?? 0)
        var widths = titles.map { $0.count + 2 }
        for row in rows { widths[row.column] = max(widths[row.column], row.cell.minimumWidth) }
        func line(_ time: String, _ cells: [String]) -> String {
            var line = String(repeating: " ", count: timeWidth - time.count + 2) + time + " "
            for (column, cell) in cells.enumerated() {
                line += "|" + cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }
        text += "\n" + line("time ms", titles.map { " " + $0 })
        for row in rows {
            var cells = ["", "", ""]
            cells[row.column] = row.cell.rendered(width: widths[row.column])
            text += line(row.time, cells)
        }
        return text
    }

    /// A cell's text and the arrows on its edges.
    struct Cell {
        var leading: String = ""  // "-->" arriving from the left, "<--" leaving to the left
        var body: String
        var trailing: String = ""  // "-->" leaving to the right, "<--" arriving from the right

        /// Arrows touch the column's edges (the lifelines); otherwise one space
        /// separates the body from each edge.
        var minimumWidth: Int { left.count + 1 + trailing.count }

        private var left: String { (leading.isEmpty ? " " : leading + " ") + body }

        func rendered(width: Int) -> String {
            guard !trailing.isEmpty else { return left }
            return left + String(repeating: " ", count: width - left.count - trailing.count) + trailing
        }
    }

    /// Where an event is drawn (0 client, 1 nginx worker, 2 backend) and how.
    static func placement(of event: LifecycleEvent, sinceSent: Int64?) -> (Int, Cell) {
        let request = "#\(event.request)"
        let connection = (event.kind.isAboutClientConnection ? "c" : "u") + "\(event.connection)"
        let worker = event.worker >= 0 ? "w\(event.worker)" : "nginx"
        let backend = event.backend >= 0 ? "b\(event.backend)" : "the backend"
        switch event.kind {
        case .clientConnectionOpen:
            return (0, Cell(body: "\(request) opens \(connection)"))
        case .requestSent:
            return (0, Cell(body: "\(request) request on \(connection)", trailing: "-->"))
        case .requestAtProxy:
            return (1, Cell(leading: "-->", body: "\(request) at \(worker) on \(connection)"))
        case .upstreamOpen:
            return (1, Cell(body: "\(worker) opens \(connection) to \(backend)", trailing: "-->"))
        case .upstreamHandshakeDone:
            return (1, Cell(body: "\(connection) handshake done, sends \(request)", trailing: "-->"))
        case .upstreamReuse:
            return (1, Cell(body: "\(request) reuses idle \(connection)", trailing: "-->"))
        case .requestAtBackend:
            return (2, Cell(leading: "-->", body: "\(request) at \(backend) on \(connection)"))
        case .responseAtProxy:
            return (1, Cell(body: "\(request) response on \(connection)", trailing: "<--"))
        case .upstreamIdle:
            return (1, Cell(body: "\(connection) idle in \(worker)'s cache"))
        case .upstreamClose:
            return (1, Cell(body: "\(connection) closed: \(event.detail)"))
        case .staleFailure:
            return (1, Cell(body: "!! \(request) fails on \(connection): backend had closed it", trailing: "<--"))
        case .retry:
            return (1, Cell(body: "\(request) retried (next upstream)"))
        case .response:
            let time = sinceSent.map { " in \(NumberText.milliseconds(nanoseconds: $0)) ms" } ?? ""
            return (0, Cell(body: "\(request) answered \(event.detail)\(time)", trailing: "<--"))
        case .clientConnectionClose:
            return (0, Cell(body: "\(connection) closed"))
        }
    }
}
