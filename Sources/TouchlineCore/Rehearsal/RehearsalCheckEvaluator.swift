import FoundationEssentials

/// Judges a functional check's answer: the status, the fields that must exist, the numbers that must add up.
public enum RehearsalCheckEvaluator {
    /// The problems of an answer with `status` and `body` to `check` (empty when it passes), and the sum
    /// measured when the check has one and the fields are numbers.
    public static func evaluate(_ check: RehearsalCheck, status: Int, body: [UInt8]) -> (problems: [String], sum: Double?) {
        var problems: [String] = []
        if status != check.expectStatus { problems.append("HTTP \(status), expected \(check.expectStatus)") }
        guard !check.expectFields.isEmpty || check.sum != nil else { return (problems, nil) }
        guard let document = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) else {
            problems.append("the answer is not JSON")
            return (problems, nil)
        }
        for field in check.expectFields where value(at: field, in: document) == nil {
            problems.append("field '\(field)' is missing")
        }
        guard let sumCheck = check.sum else { return (problems, nil) }
        var total = 0.0
        for field in sumCheck.fields {
            guard let number = value(at: field, in: document)?.double else {
                problems.append("field '\(field)' is not a number")
                return (problems, nil)
            }
            total += number
        }
        if abs(total - sumCheck.equals) > sumCheck.tolerance {
            problems.append("\(sumCheck.fields.joined(separator: "+")) = \(total), expected \(sumCheck.equals) ± \(sumCheck.tolerance)")
        }
        return (problems, total)
    }

    /// The value at a dotted path (`prediction.home_win`; array elements by index, `items.0.id`), nil when
    /// absent or null. A JSON boolean is not a number here: `true` does not add 1 to a sum.
    public static func value(at path: String, in document: JSONValue) -> JSONValue? {
        guard let value = document.value(at: path), value != .null else { return nil }
        return value
    }
}
