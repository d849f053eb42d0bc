import Foundation
import Live
import ProxyModel
import Scenario

#if canImport(Glibc)
import Glibc
#endif

/// Real nginx for one replay: the model exported (`nginx export`) into a
/// fresh prefix directory with the ports the rig reserved, started in the
/// foreground (`daemon off`), waited for until it accepts, stopped
/// gracefully (SIGQUIT: what `nginx -s quit` sends) and its logs read.
/// Every process it starts is gone when `stopAndRead` returns: a worker
/// left behind by a master that would not quit is killed by pid.
final class NginxRun {
    struct Settings {
        /// The model file (the export reads the model's own definition).
        var modelPath: String
        /// nginx's binary; nil: found on PATH or at Debian's locations.
        var binary: String?
        /// Keep the prefix directory (config and logs) here instead of a temporary one.
        var keepDirectory: String?
    }

    /// Loopback ports: nginx's, then one per backend (`NginxConfExport.backendPort`).
    struct Ports {
        var base: Int
        var backends: [SocketAddress]
        var nginx: SocketAddress { .loopback(port: UInt16(base)) }
    }

    let address: SocketAddress
    let prefix: String
    private let process: Process
    private let removePrefix: Bool
    private var stopped = false

    private init(address: SocketAddress, prefix: String, process: Process, removePrefix: Bool) {
        self.address = address; self.prefix = prefix; self.process = process; self.removePrefix = removePrefix
    }

    /// Consecutive free loopback ports for nginx and the backends, below
    /// the kernel's ephemeral range: connections the run opens (and their
    /// TIME_WAIT, which a listener cannot bind over) take ports from that
    /// range, so a run that churns connections would otherwise find no room
    /// for the next one.
    static func reservePorts(backends: Int) throws(CommandFailure) -> Ports {
        let ephemeralStart = Self.ephemeralPortRangeStart()
        let highest = min(ephemeralStart, 65_535) - backends - 2
        guard highest > 10_000 else {
            throw CommandFailure("no room below the ephemeral port range (\(ephemeralStart)) for \(backends + 1) loopback ports")
        }
        // Candidates spread by the pid, so concurrent runs tend to differ.
        var candidate = 10_000 + Int(getpid()) % (highest - 10_000)
        for _ in 0..<200 {
            candidate = candidate >= highest ? 10_000 : candidate + 7 * (backends + 2)
            var probes: [FileDescriptor] = []
            defer { for probe in probes { try? System.close(probe) } }
            var free = true
            for port in candidate...(candidate + backends) {
                guard let (probe, _) = try? Listener.listeningSocket(address: .loopback(port: UInt16(port))) else { free = false; break }
                probes.append(probe)
            }
            if free {
                return Ports(base: candidate, backends: (0..<backends).map {
                    .loopback(port: UInt16(NginxConfExport.backendPort(instance: $0, portBase: candidate)))
                })
            }
        }
        throw CommandFailure("cannot find \(backends + 1) consecutive free loopback ports below \(ephemeralStart) for nginx and its backends")
    }

    /// The first port of net.ipv4.ip_local_port_range (Linux's default 32768).
    static func ephemeralPortRangeStart() -> Int {
        let text = ProcFile.text("/proc/sys/net/ipv4/ip_local_port_range") ?? ""
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first.flatMap { Int($0) } ?? 32_768
    }

    /// Exports the model, starts nginx and waits (at most 10 s) until it accepts.
    static func start(model: ScenarioModel, settings: Settings, ports: Ports) throws(CommandFailure) -> NginxRun {
        guard let binary = settings.binary ?? NginxBinary.find()?.path else {
            throw CommandFailure("nginx not found on PATH nor in \(NginxBinary.standardLocations.joined(separator: ", ")); "
                + "install it (Debian: apt-get install nginx-light) or give --nginx PATH")
        }
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw CommandFailure("--nginx \(binary): not an executable file")
        }
        let prefix: String
        if let keep = settings.keepDirectory {
            prefix = (keep as NSString).standardizingPath
        } else {
            prefix = NSTemporaryDirectory() + "keepalive-lab-nginx-\(getpid())-\(ports.base)"
        }
        do {
            try FileManager.default.createDirectory(atPath: prefix, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("cannot create nginx's directory \(prefix): \(error.localizedDescription)")
        }
        let exported: NginxConfExport.Result
        do {
            exported = try NginxConfExport.exportModel(
                path: settings.modelPath, options: .init(prefix: prefix, portBase: ports.base))
        } catch {
            throw CommandFailure("cannot export '\(settings.modelPath)' for nginx: \(error)")
        }
        let confPath = prefix + "/nginx.conf"
        do { try exported.text.write(toFile: confPath, atomically: true, encoding: .utf8) } catch {
            throw CommandFailure("cannot write \(confPath): \(error.localizedDescription)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-p", prefix + "/", "-c", confPath, "-e", prefix + "/error.log"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw CommandFailure("cannot start \(binary): \(error.localizedDescription)")
        }
        let run = NginxRun(address: ports.nginx, prefix: prefix, process: process, removePrefix: settings.keepDirectory == nil)
        // Accepting means listening: poll with a connect until it succeeds or nginx exits.
        for _ in 0..<500 {
            if !process.isRunning {
                let log = (try? String(contentsOfFile: prefix + "/error.log", encoding: .utf8)) ?? ""
                run.cleanUp()
                throw CommandFailure("nginx exited at start (status \(process.terminationStatus)): "
                    + (log.split(separator: "\n").suffix(5).joined(separator: "\n")))
            }
            if Self.accepts(ports.nginx) { return run }
            usleep(20_000)
        }
        _ = run.stopAndRead()
        throw CommandFailure("nginx did not accept on \(ports.nginx) within 10 s (its logs are in \(prefix))")
    }

    /// Whether something accepts connections at `address` now. A second
    /// connect() on a socket whose first one is in progress says how it
    /// went: EISCONN connected, anything else not (yet).
    private static func accepts(_ address: SocketAddress) -> Bool {
        guard let fd = try? System.tcpSocket() else { return false }
        defer { try? System.close(fd) }
        do {
            if case .processed = try System.connect(fd, to: address) { return true }
            usleep(5_000)
            if case .processed = try System.connect(fd, to: address) { return true }
            return false
        } catch {
            return error.errno == EISCONN
        }
    }

    /// CPU time nginx's worker processes have used so far, together (the
    /// master only starts and stops them).
    func workerCPUTime() -> TimeSpan {
        Self.children(of: process.processIdentifier).reduce(TimeSpan.zero) { $0 + (System.processCPUTime($1) ?? .zero) }
    }

    /// Stops nginx without reading its logs (failures before the run).
    func stop() {
        _ = stopAndRead()
    }

    /// Quits nginx gracefully (SIGQUIT: workers finish their requests and
    /// close idle connections), waits at most 10 s, kills what is left, and
    /// reads the error and access logs.
    func stopAndRead() -> NginxRunSummary {
        if !stopped {
            stopped = true
            let workers = Self.children(of: process.processIdentifier)
            if process.isRunning { kill(process.processIdentifier, SIGQUIT) }
            for _ in 0..<1000 where process.isRunning { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            for worker in workers where kill(worker, 0) == 0 { kill(worker, SIGKILL) }
        }
        let summary = NginxRunSummary(
            errorLog: (try? String(contentsOfFile: prefix + "/error.log", encoding: .utf8)) ?? "",
            accessLog: (try? String(contentsOfFile: prefix + "/access.log", encoding: .utf8)) ?? "",
            directory: removePrefix ? nil : prefix)
        cleanUp()
        return summary
    }

    private func cleanUp() {
        if removePrefix { try? FileManager.default.removeItem(atPath: prefix) }
    }

    /// The pids whose parent is `pid` (nginx's workers), from /proc.
    static func children(of pid: Int32) -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { entry -> Int32? in
            guard let child = Int32(entry), let fields = ProcFile.processStatFields(child) else { return nil }
            return fields.count > 1 && Int32(fields[1]) == pid ? child : nil
        }
    }
}
