// swift-tools-version:6.0
import PackageDescription

/// Every target of touchline's own: an extension member (Foundation's `String(format:)`, say) is visible in a
/// file only when that file imports its module, so no file can lean on another file's (or a dependency's)
/// `import Foundation` without saying so.
let ownSettings: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "touchline",
    platforms: [.macOS(.v15)],  // Synchronization.Mutex (the code is built and run on Linux)
    products: [
        .executable(name: "touchline", targets: ["touchline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            // No pkgConfig: its cflags (-D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600) are flags SwiftPM prohibits and
            // warns about; the headers are in /usr/include and the libraries are linked by the module map.
            name: "CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .systemLibrary(
            name: "CLibpq",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            // No pkgConfig: its cflags' -D_FILE_OFFSET_BITS=64 is prohibited (and a no-op on 64-bit Linux);
            // shim.h includes <hiredis/hiredis.h> from /usr/include.
            name: "CHiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(name: "CPosixShims"),
        // OpenSSL's libcrypto for SHA-256 (already mapped by libpq and libcurl): one shim function.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // toml++ (Debian's libtomlplusplus-dev) behind a C API that TOMLDocument walks. Header-only, compiled into
        // this one file: 0.16 MB less RSS than linking Debian's libtomlplusplus.so.3 (a whole second library, built
        // with exceptions only), and nothing to install at run time. TOML_EXCEPTIONS=0: parse returns a
        // parse_result, so no C++ exception reaches Swift; NDEBUG: toml++'s assertions never abort (TOMLHeaderGuard
        // refuses the texts they fire on first); no formatters: the shim prints dates and times itself.
        .target(
            name: "CTOMLShim",
            cxxSettings: [
                .define("NDEBUG"),
                .define("TOML_EXCEPTIONS", to: "0"),
                .define("TOML_HEADER_ONLY", to: "1"),
                .define("TOML_ENABLE_FORMATTERS", to: "0"),
            ]
        ),
        .target(
            name: "TouchlineCore",
            // CLibpq for PQconninfoParse only: a pure parse of connection strings, no I/O; CCrypto for SHA-256;
            // CTOMLShim parses TOML; CPosixShims names worker threads.
            dependencies: ["CLibpq", "CCrypto", "CTOMLShim", "CPosixShims"],
            swiftSettings: ownSettings
        ),
        .target(
            name: "TouchlineProbes",
            dependencies: ["TouchlineCore", "CLibpq", "CHiredis", "CCurl", "CPosixShims"],
            swiftSettings: ownSettings
        ),
        .target(
            name: "TouchlineOps",
            dependencies: ["TouchlineCore", "TouchlineProbes", "CLibpq", "CPosixShims"],
            swiftSettings: ownSettings
        ),
        .target(
            name: "TouchlineUI",
            dependencies: ["TouchlineCore"],
            swiftSettings: ownSettings
        ),
        .target(
            name: "TouchlineTerminal",
            dependencies: ["TouchlineUI", "TouchlineCore", "CNcursesw"],
            swiftSettings: ownSettings
        ),
        .target(
            name: "TouchlineApp",
            dependencies: [
                "TouchlineCore",
                "TouchlineProbes",
                "TouchlineOps",
                "TouchlineUI",
                "TouchlineTerminal",
                // ExitCode only: the headless actions end with touchline's exit codes.
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: ownSettings
        ),
        .executableTarget(
            name: "touchline",
            dependencies: [
                "TouchlineApp",
                "TouchlineCore",
                "TouchlineProbes",
                "TouchlineOps",
                "TouchlineUI",
                "TouchlineTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: ownSettings
        ),
        // Helpers shared by the test targets (a plain library: SwiftPM test targets cannot share files): the
        // private test stack, the serialized real-stack suite, process and tmux runners, local listeners, the
        // test screen backend. The test targets import it with @testable (debug builds enable testability).
        .target(
            name: "TouchlineTestSupport",
            dependencies: ["TouchlineCore", "TouchlineProbes", "TouchlineOps", "TouchlineUI"],
            path: "Tests/TouchlineTestSupport"
        ),
        .testTarget(
            name: "TouchlineAppTests",
            dependencies: ["TouchlineApp", "TouchlineCore", "TouchlineOps", "TouchlineUI", "TouchlineTestSupport"]
        ),
        .testTarget(
            name: "TouchlineCoreTests",
            dependencies: ["TouchlineCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "TouchlineUITests",
            dependencies: ["TouchlineUI", "TouchlineCore"],
            exclude: ["Snapshots"]
        ),
        // Probe and operation units, and local listeners standing in for a misbehaving server (fast tier).
        .testTarget(
            name: "TouchlineProbesTests",
            dependencies: ["TouchlineCore", "TouchlineProbes", "TouchlineOps", "TouchlineTestSupport"]
        ),
        // The real stack: PostgreSQL, Redis and the API stand-in started by scripts/stack, the binary run headless.
        .testTarget(
            name: "TouchlineIntegrationTests",
            dependencies: ["TouchlineCore", "TouchlineProbes", "TouchlineOps", "TouchlineTestSupport"]
        ),
        // The dashboard binary driven in tmux against the real stack.
        .testTarget(
            name: "TouchlineEndToEndTests",
            dependencies: ["TouchlineCore", "TouchlineProbes", "TouchlineOps", "TouchlineTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17  // toml++ 3 needs C++17
)
