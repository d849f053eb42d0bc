/// Writing a line with the format: what nginx's log module does, for
/// test logs and demos (nginx's escaping is the caller's: values are
/// written as given).
extension AccessLogFormat {
    public func render(_ value: (AccessLogVariable) -> String) -> String {
        var line = ""
        for segment in segments {
            switch segment {
            case .literal(let text): line += String(decoding: text, as: UTF8.self)
            case .variable(let variable): line += value(variable)
            }
        }
        return line
    }
}
