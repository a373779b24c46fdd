/// One functional check of a rehearsal: a request and what its answer must hold.
public struct RehearsalCheck: Sendable, Equatable {
    /// Its name in the report.
    public var name: String
    /// What is sent.
    public var request: RehearsalRequest
    /// The status the answer must have.
    public var expectStatus: Int
    /// Dotted JSON paths that must exist in the answer, e.g. `prediction.home_win`.
    public var expectFields: [String]
    /// Numbers of the answer that must add up, when configured.
    public var sum: RehearsalSumCheck?

    /// Creates a check.
    public init(name: String, request: RehearsalRequest, expectStatus: Int = 200, expectFields: [String] = [],
                sum: RehearsalSumCheck? = nil) {
        self.name = name
        self.request = request
        self.expectStatus = expectStatus
        self.expectFields = expectFields
        self.sum = sum
    }
}
