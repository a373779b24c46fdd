/// Why a snapshot could not be written, in one line.
public struct SnapshotError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
