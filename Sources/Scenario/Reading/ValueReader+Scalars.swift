import ProxyModel

/// Numbers, booleans, strings, choices and durations.
extension ValueReader {
    /// An integer (`42`, `0x2A`, `1e3`), which must lie in `bounds`.
    public func integer(in bounds: some AllowedRange<Int> = Unbounded<Int>()) -> Int {
        integer(in: bounds, otherwise: bounds.placeholder(otherwise: 0))
    }

    func integer(in bounds: some AllowedRange<Int>, otherwise fallback: Int) -> Int {
        guard case .number(let number)? = value?.kind else {
            refuse("must be an integer")
            return fallback
        }
        guard let exact = number.int64 else {
            // An integral value too large for Int64 is out of range rather than "not an integer".
            let isIntegral = number.double.isFinite && number.double.rounded(.towardZero) == number.double
            if isIntegral && (bounds.lowestAllowed != nil || bounds.highestAllowed != nil) {
                refuse(bounds.requirement(String.init))
            } else {
                refuse(isIntegral ? "must be an integer within 64 bits" : "must be an integer")
            }
            return fallback
        }
        let integer = Int(exact)
        guard bounds.contains(integer) else {
            refuse(bounds.requirement(String.init))
            return fallback
        }
        return integer
    }

    /// An integer from 0 to 2^64-1, the range of a seed (`--seed` takes the same):
    /// values beyond Int64 are read exactly from the literal's digits.
    func unsignedInteger64(otherwise fallback: UInt64) -> UInt64 {
        let requirement = "must be an integer between 0 and 18446744073709551615 (2^64-1)"
        guard case .number(let number)? = value?.kind else {
            refuse(requirement)
            return fallback
        }
        if let exact = number.int64, exact >= 0 { return UInt64(exact) }
        let literal = number.literal.hasPrefix("+") ? String(number.literal.dropFirst()) : number.literal
        let digits = literal.lowercased().hasPrefix("0x") ? (String(literal.dropFirst(2)), 16) : (literal, 10)
        guard let unsigned = UInt64(digits.0, radix: digits.1) else {
            refuse(requirement)
            return fallback
        }
        return unsigned
    }

    /// A finite number, which must lie in `bounds`.
    public func double(in bounds: some AllowedRange<Double> = Unbounded<Double>()) -> Double {
        double(in: bounds, otherwise: bounds.placeholder(otherwise: 0))
    }

    func double(in bounds: some AllowedRange<Double>, otherwise fallback: Double) -> Double {
        guard case .number(let number)? = value?.kind else {
            refuse("must be a number")
            return fallback
        }
        guard number.double.isFinite else {
            refuse("must be a finite number")
            return fallback
        }
        guard bounds.contains(number.double) else {
            refuse(bounds.requirement { JSON5Number($0).canonicalLiteral })
            return fallback
        }
        return number.double
    }

    /// `true` or `false`.
    public func bool() -> Bool { bool(otherwise: false) }

    func bool(otherwise fallback: Bool) -> Bool {
        guard case .bool(let bool)? = value?.kind else {
            refuse("must be true or false")
            return fallback
        }
        return bool
    }

    /// Any string.
    public func string() -> String { string(otherwise: "") }

    func string(otherwise fallback: String) -> String {
        guard case .string(let string)? = value?.kind else {
            refuse("must be a string")
            return fallback
        }
        return string
    }

    /// One of `options`: "must be one of: table, json, csv (got "xml")", with a
    /// "did you mean" when the value is a near miss.
    public func string(oneOf options: [String]) -> String {
        string(oneOf: options, otherwise: options.first ?? "")
    }

    func string(oneOf options: [String], otherwise fallback: String) -> String {
        let requirement = "must be one of: " + options.joined(separator: ", ")
        guard case .string(let string)? = value?.kind else {
            refuse(requirement)
            return fallback
        }
        guard options.contains(string) else {
            if let suggestion = SpellingSuggestion.nearest(to: string, among: options) {
                report("\(requirement) (got \(JSON5Writer.quoted(string)); did you mean \(JSON5Writer.quoted(suggestion))?)")
            } else {
                refuse(requirement)
            }
            return fallback
        }
        return string
    }

    /// A case of a string enumeration, by raw value; the message lists all cases.
    public func choice<Choice: CaseIterable & RawRepresentable>(_ type: Choice.Type) -> Choice
    where Choice.RawValue == String {
        guard let first = Choice.allCases.first else { preconditionFailure("\(Choice.self) has no cases to choose from") }
        return choice(type, otherwise: first)
    }

    func choice<Choice: CaseIterable & RawRepresentable>(_ type: Choice.Type, otherwise fallback: Choice) -> Choice
    where Choice.RawValue == String {
        let raw = string(oneOf: Choice.allCases.map(\.rawValue), otherwise: fallback.rawValue)
        return Choice(rawValue: raw) ?? fallback
    }

    /// A duration string such as `"250ms"`, `"1.5s"`, `"1h30m"` (see `TimeSpan(parsing:)`),
    /// which must lie in `bounds`. A bare number is refused: model files always name the unit.
    public func duration(in bounds: some AllowedRange<TimeSpan> = Unbounded<TimeSpan>()) -> TimeSpan {
        duration(in: bounds, otherwise: bounds.placeholder(otherwise: .zero))
    }

    func duration(in bounds: some AllowedRange<TimeSpan>, otherwise fallback: TimeSpan) -> TimeSpan {
        let text: String
        switch value?.kind {
        case .string(let string)?: text = string
        case .number(let number)?: text = number.literal  // parsing it explains what is missing: the unit
        case nil: return fallback
        default:
            refuse("must be a duration such as \"250ms\"")
            return fallback
        }
        do {
            let duration = try TimeSpan(parsing: text)
            guard bounds.contains(duration) else {
                refuse(bounds.requirement { $0.formatted() })
                return fallback
            }
            // The one bound every model duration shares, so that no sum the simulator forms can overflow.
            guard duration <= TimeSpan.modelMaximum else {
                refuse("must be <= \(TimeSpan.modelMaximum.formatted()) (the longest duration a model accepts)")
                return fallback
            }
            return duration
        } catch {
            report(error.description)
            return fallback
        }
    }
}
