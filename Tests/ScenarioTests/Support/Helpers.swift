import Scenario
import Testing

/// Parses `text`, recording the syntax error as a test failure.
func parsed(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> JSON5Value? {
    do {
        return try JSON5Parser.parse(text)
    } catch {
        Issue.record("unexpected syntax error \(error) in \(text.debugDescription)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The syntax error `text` must produce (nil, with a test failure, when it parses).
func syntaxError(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> JSON5SyntaxError? {
    syntaxError(Array(text.utf8), sourceLocation: sourceLocation)
}

func syntaxError(_ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> JSON5SyntaxError? {
    do {
        let value = try JSON5Parser.parse(bytes)
        Issue.record("expected a syntax error, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

extension JSON5Value {
    /// The number's exact integer, when this is one.
    var int64: Int64? {
        if case .number(let number) = kind { return number.int64 }
        return nil
    }

    var double: Double? {
        if case .number(let number) = kind { return number.double }
        return nil
    }

    var string: String? {
        if case .string(let string) = kind { return string }
        return nil
    }

    var elements: [JSON5Value] {
        if case .array(let elements) = kind { return elements }
        return []
    }

    var members: [JSON5Member] {
        if case .object(let members) = kind { return members }
        return []
    }
}
