import ProxyModel
import Scenario

/// One `--vary PATH=V1,V2,...`: a field of the model file and the values it takes.
public struct SweepParameter: Equatable, Sendable {
    /// Where the field is in the model file.
    public var path: FieldPath
    /// The values as the user wrote them (after `=`), for the reproducing command line.
    public var specification: String
    /// The values, in the order given (ranges expanded).
    public var values: [SweepValue]

    public init(path: FieldPath, specification: String, values: [SweepValue]) {
        self.path = path; self.specification = specification; self.values = values
    }

    /// The column name in CSV and tables: the path as the model file spells it.
    public var name: String { path.description }

    /// `PATH=VALUES` as given, normalised: what `--vary` takes to reproduce this parameter.
    public var option: String { name + "=" + specification }

    /// Reads `PATH=V1,V2,...`; `model` is the model file's tree, whose value at
    /// PATH (if any) decides how unquoted values are typed (see `SweepValueList`).
    public init(parsing option: String, model: JSON5Value) throws(ExperimentError) {
        guard let equals = Self.assignment(in: option) else {
            throw ExperimentError("--vary '\(QuotedInput.cut(option))': expected PATH=VALUES, e.g. nginx.upstreams.api.keepalive=8,16,32 "
                + "or nginx.worker_processes=1..8x2")
        }
        let pathText = String(option[..<equals])
        let valuesText = String(option[option.index(after: equals)...])
        let path = try FieldPath(parsing: pathText)
        guard !valuesText.isEmpty else { throw ExperimentError("--vary '\(QuotedInput.cut(option))': no values after '='") }
        do {
            values = try SweepValueList.parse(valuesText, existing: model.value(at: path))
        } catch {
            throw ExperimentError("--vary '\(QuotedInput.cut(option))': \(error.message)")
        }
        self.path = path
        specification = valuesText
    }

    /// The first `=` outside brackets and quotes (a quoted key may hold one).
    private static func assignment(in option: String) -> String.Index? {
        var depth = 0
        var quote: Character?
        var index = option.startIndex
        while index < option.endIndex {
            let character = option[index]
            if let open = quote {
                if character == open { quote = nil }
            } else {
                switch character {
                case "\"", "'": quote = character
                case "[": depth += 1
                case "]": depth -= 1
                case "=" where depth == 0: return index
                default: break
                }
            }
            index = option.index(after: index)
        }
        return nil
    }
}
