// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "zschema",
    products: [
        .library(name: "ZSchemaRuntime", targets: ["ZSchemaRuntime"]),
        .executable(name: "zschema", targets: ["zschema"]),
        .plugin(name: "ZSchemaPlugin", targets: ["ZSchemaPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // System libraries (Debian: libzmq3-dev, libpcre2-dev).
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),

        // What generated code links against: sockets, frames, codecs, PCRE2 patterns.
        .target(
            name: "ZSchemaRuntime",
            dependencies: ["CZeroMQ", "CPCRE2"]
        ),

        // The compiler: syntax, checker, IR, Swift emitter. No file I/O.
        .target(
            name: "ZSchemaCore",
            dependencies: ["CPCRE2"]
        ),

        // The command-line tool: reads files, runs the core, writes results.
        .executableTarget(
            name: "zschema",
            dependencies: [
                "ZSchemaCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The SwiftPM build-tool plugin: runs `zschema compile` on a target's *.zschema files.
        .plugin(
            name: "ZSchemaPlugin",
            capability: .buildTool(),
            dependencies: ["zschema"]
        ),

        .testTarget(
            name: "ZSchemaCoreTests",
            dependencies: ["ZSchemaCore"],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "ZSchemaRuntimeTests",
            dependencies: ["ZSchemaRuntime"]
        ),
        .testTarget(
            name: "ZSchemaGeneratedTests",
            dependencies: ["ZSchemaRuntime"]
        ),
        .testTarget(
            name: "ZSchemaCLITests",
            dependencies: ["zschema"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
