import Testing

/// Every suite that uses the shared test stack nests in here, so they run one at a time:
/// some of them stop and start services, which would disturb the others.
@Suite("Real stack", .serialized)
enum RealStackSuite {}
