// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "touchline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "touchline", targets: ["touchline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
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
        .target(
            name: "TouchlineCore",
            // CLibpq for PQconninfoParse only: a pure parse of connection strings, no I/O.
            dependencies: ["CLibpq", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "TouchlineProbes",
            dependencies: ["TouchlineCore", "CLibpq", "CHiredis", "CCurl", "CPosixShims"]
        ),
        .target(
            name: "TouchlineUI",
            dependencies: ["TouchlineCore", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "TouchlineTerminal",
            dependencies: ["TouchlineUI", "TouchlineCore", "CNcursesw"]
        ),
        .executableTarget(
            name: "touchline",
            dependencies: [
                "TouchlineCore",
                "TouchlineProbes",
                "TouchlineUI",
                "TouchlineTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
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
        .testTarget(
            name: "TouchlineProbesTests",
            dependencies: ["TouchlineCore", "TouchlineProbes"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
