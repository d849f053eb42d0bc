/// Numbers: decimal with optional sign, fraction, exponent, leading or trailing
/// point (`.5`, `5.`), hexadecimal (`0x1F`), `Infinity` and `NaN` (JSON5 spec, section 4).
extension JSON5Parser {
    /// Reads a number at the cursor: at a sign, a digit or a point.
    mutating func parseNumber() throws(JSON5SyntaxError) -> JSON5Number {
        let start = location
        let startIndex = index
        var negative = false
        if let sign = peekByte(), sign == ASCII.plus || sign == ASCII.minus {
            negative = sign == ASCII.minus
            advanceASCII()
            let startsName = try isAtIdentifierStart()
            guard let next = peekByte(), ASCII.isDigit(next) || next == ASCII.dot || startsName else {
                throw error("expected a number after '\(Character(Unicode.Scalar(sign)))', found \(try found())")
            }
        }
        let number: JSON5Number
        if try isAtIdentifierStart() {  // +Infinity, -NaN
            let (word, hadEscape) = try parseIdentifier()
            guard !hadEscape, word == "Infinity" || word == "NaN" else {
                throw error("unexpected '\(word)' after a sign; expected a number, Infinity or NaN", at: start)
            }
            number = namedNumber(word, negative: negative, literal: text(from: startIndex))
        } else if peekByte() == ASCII.zero, let x = peekByte(1), x == UInt8(ascii: "x") || x == UInt8(ascii: "X") {
            number = try parseHexadecimal(negative: negative, startIndex: startIndex)
        } else {
            number = try parseDecimal(negative: negative, start: start, startIndex: startIndex)
        }
        // The spec: a number must not run into a name or digit (`12px`, `0x1G`).
        if try isAtIdentifierPart() {
            throw error("unexpected \(try found()) after the number '\(number.literal)'")
        }
        return number
    }

    func namedNumber(_ word: String, negative: Bool, literal: String) -> JSON5Number {
        let magnitude = word == "NaN" ? Double.nan : Double.infinity
        return JSON5Number(literal: literal, int64: nil, double: negative ? -magnitude : magnitude)
    }

    private func text(from startIndex: Int) -> String {
        String(decoding: bytes[startIndex..<index], as: UTF8.self)
    }

    private mutating func parseHexadecimal(negative: Bool, startIndex: Int) throws(JSON5SyntaxError) -> JSON5Number {
        advanceASCII()  // 0
        advanceASCII()  // x
        var magnitude: UInt64 = 0
        var overflowed = false
        var approximate = 0.0  // used only past UInt64's range
        var digitCount = 0
        while let byte = peekByte(), let digit = ASCII.hexValue(byte) {
            let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: 16)
            let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(digit))
            overflowed = overflowed || overflow1 || overflow2
            magnitude = sum
            approximate = approximate * 16 + Double(digit)
            digitCount += 1
            advanceASCII()
        }
        if digitCount == 0 { throw error("expected hexadecimal digits after '0x', found \(try found())") }
        let double = overflowed ? approximate : Double(magnitude)
        var int64: Int64?
        if !overflowed {
            if negative {
                int64 = magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
            } else {
                int64 = magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
            }
        }
        return JSON5Number(literal: text(from: startIndex), int64: int64, double: negative ? -double : double)
    }

    private mutating func parseDecimal(
        negative: Bool, start: SourceLocation, startIndex: Int
    ) throws(JSON5SyntaxError) -> JSON5Number {
        let digitsStart = index
        // Exact integer value, accumulated with the sign so that Int64.min fits.
        var exact: Int64? = 0
        var integerDigits = 0
        if peekByte() == ASCII.zero {
            advanceASCII()
            integerDigits = 1
            if let next = peekByte(), ASCII.isDigit(next) {
                throw error("leading zeros are not allowed in a number", at: start)
            }
        }
        while let byte = peekByte(), ASCII.isDigit(byte) {
            let digit = Int64(byte - ASCII.zero)
            if let value = exact {
                let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                exact = overflow1 || overflow2 ? nil : sum
            }
            integerDigits += 1
            advanceASCII()
        }
        var isIntegerLiteral = true
        if peekByte() == ASCII.dot {
            isIntegerLiteral = false
            advanceASCII()
            var fractionDigits = 0
            while let byte = peekByte(), ASCII.isDigit(byte) {
                fractionDigits += 1
                advanceASCII()
            }
            if integerDigits == 0 && fractionDigits == 0 {
                throw error("expected a digit before or after '.'", at: start)
            }
        }
        if let byte = peekByte(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            isIntegerLiteral = false
            advanceASCII()
            if let sign = peekByte(), sign == ASCII.plus || sign == ASCII.minus { advanceASCII() }
            var exponentDigits = 0
            while let byte = peekByte(), ASCII.isDigit(byte) {
                exponentDigits += 1
                advanceASCII()
            }
            if exponentDigits == 0 { throw error("expected digits in the exponent, found \(try found())") }
        }
        // The text is now known to be a decimal literal, which `Double.init` rounds correctly.
        let digits = String(decoding: bytes[digitsStart..<index], as: UTF8.self)
        guard let magnitude = Double(digits) else {
            throw error("the number '\(text(from: startIndex))' cannot be read", at: start)
        }
        let double = negative ? -magnitude : magnitude
        let int64 = isIntegerLiteral ? exact : Int64(exactly: double)
        return JSON5Number(literal: text(from: startIndex), int64: int64, double: double)
    }
}
