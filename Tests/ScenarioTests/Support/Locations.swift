import Scenario

// No `import Testing` here: it has a `SourceLocation` of its own.

/// A model-file location, for brevity in expectations.
func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(line: line, column: column) }

/// The model-file location type, named so test files that import Testing can spell it.
typealias ModelLocation = SourceLocation
