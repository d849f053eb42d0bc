import ProxyModel

/// Reading directive arguments with nginx's rules and messages
/// (ngx_conf_set_flag_slot, ngx_conf_set_num_slot, ngx_conf_set_msec_slot).
extension NginxConfImporter {
    func error(_ directive: NginxConfDirective, _ message: String) -> NginxConfError {
        NginxConfError(file: directive.file, line: directive.line, message: message)
    }

    /// nginx's "invalid number of arguments" unless the count is in `counts`.
    func requireArguments(_ directive: NginxConfDirective, _ counts: ClosedRange<Int>) throws(NginxConfError) {
        guard counts.contains(directive.arguments.count) else {
            throw error(directive, "invalid number of arguments in \"\(directive.name)\" directive")
        }
    }

    /// A block directive written with `;`, or a simple one with `{`.
    func requireBlock(_ directive: NginxConfDirective, _ isBlock: Bool) throws(NginxConfError) -> [NginxConfDirective] {
        if isBlock, let block = directive.block { return block }
        if isBlock { throw error(directive, "directive \"\(directive.name)\" has no opening \"{\"") }
        if directive.block != nil { throw error(directive, "directive \"\(directive.name)\" is not terminated by \";\"") }
        return []
    }

    /// `on` or `off`.
    func flag(_ directive: NginxConfDirective) throws(NginxConfError) -> Bool {
        try requireArguments(directive, 1...1)
        _ = try requireBlock(directive, false)
        switch directive.arguments[0].lowercased() {
        case "on": return true
        case "off": return false
        default:
            throw error(directive, "invalid value \"\(directive.arguments[0])\" in \"\(directive.name)\" directive, it must be \"on\" or \"off\"")
        }
    }

    /// A non-negative decimal number (ngx_atoi: digits only).
    func number(_ text: String, in directive: NginxConfDirective, minimum: Int = 0) throws(NginxConfError) -> Int {
        guard let value = Self.decimal(text), value >= minimum else {
            throw error(directive, "invalid value \"\(text)\" in \"\(directive.name)\" directive")
        }
        return value
    }

    /// The only argument, as a number; beyond `modelled` (the model format's
    /// range) it is refused with that range.
    func number(_ directive: NginxConfDirective, minimum: Int = 0, modelled: ClosedRange<Int>? = nil) throws(NginxConfError) -> Int {
        try requireArguments(directive, 1...1)
        _ = try requireBlock(directive, false)
        let value = try number(directive.arguments[0], in: directive, minimum: minimum)
        if let modelled, !modelled.contains(value) {
            throw error(directive, "\"\(directive.name) \(value)\": the model covers \(modelled.lowerBound) to \(modelled.upperBound)")
        }
        return value
    }

    /// `backlog=N` of a `listen` directive: nginx's "invalid backlog" for what
    /// it refuses (ngx_http_core_listen: not a number, or 0); beyond the
    /// model's range it is refused with that range.
    func listenBacklog(_ parameter: String, _ directive: NginxConfDirective) throws(NginxConfError) -> Int {
        let text = String(parameter.dropFirst("backlog=".count))
        guard let value = Self.decimal(text), value > 0 else { throw error(directive, "invalid backlog \"\(parameter)\"") }
        guard value <= 1_000_000 else { throw error(directive, "\"\(parameter)\": the model covers backlog=1 to backlog=1000000") }
        return value
    }

    /// The first argument, as a time (`60s`, `500ms`, `1h`).
    func time(_ directive: NginxConfDirective, arguments: ClosedRange<Int> = 1...1) throws(NginxConfError) -> TimeSpan {
        try requireArguments(directive, arguments)
        _ = try requireBlock(directive, false)
        guard let span = NginxTime.parse(directive.arguments[0]) else {
            throw error(directive, "invalid value \"\(directive.arguments[0])\" in \"\(directive.name)\" directive")
        }
        return span
    }

    /// `ignored: gzip on (line 31)`.
    mutating func ignore(_ directive: NginxConfDirective, _ why: String? = nil) {
        var what = directive.summary
        if what.count > 100 { what = what.prefix(100) + "..." }
        if directive.block != nil { what += " { ... }" }
        notes.append("ignored: \(what) (\(directive.site(mainFile: mainFile)))" + (why.map { ": \($0)" } ?? ""))
    }

    /// Digits only, as ngx_atoi reads them; nil for anything else or beyond 18 digits.
    static func decimal(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy(ASCII.isDigit) else { return nil }
        return Int(text)
    }

    /// `host` as nginx reads a server address: without a port, 80
    /// (ngx_parse_url's default for http). IPv6 literals keep their brackets;
    /// unix sockets and variables are left as written.
    static func withDefaultPort(_ host: String, port: Int = 80) -> String {
        if host.hasPrefix("unix:") || host.contains("$") { return host }
        if host.hasPrefix("[") { return host.contains("]:") ? host : host + ":\(port)" }
        return host.contains(":") ? host : host + ":\(port)"
    }
}
