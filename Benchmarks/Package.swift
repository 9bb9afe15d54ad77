// swift-tools-version:6.0
// zschema's benchmarks: the same workloads through raw libzmq in C, the generated Swift, and
// pyzmq, measured side by side in one run. Kept apart so the main package never builds them.
import PackageDescription

let package = Package(
    name: "zschema-benchmarks",
    dependencies: [
        // A link to the repository root, so the dependency is called zschema whatever the clone's folder is called.
        .package(path: "zschema"),
        // Only for the codec comparison; its generated code is committed (see ProtobufBaseline).
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
    ],
    targets: [
        // The baseline: the same frames built and read by hand against libzmq's C API.
        .target(
            name: "CBaseline",
            linkerSettings: [.linkedLibrary("zmq"), .linkedLibrary("pthread")]
        ),
        // swift-protobuf messages with the fields of Tick and Order, generated once from
        // Protos/messages.proto by protoc-gen-swift and committed.
        .target(
            name: "ProtobufBaseline",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        // Code generated at build time from the project's schemas.
        .target(
            name: "BenchmarkSchemas",
            dependencies: [.product(name: "ZSchemaRuntime", package: "zschema")],
            plugins: [.plugin(name: "ZSchemaPlugin", package: "zschema")]
        ),
        .executableTarget(
            name: "zschema-bench",
            dependencies: [
                "CBaseline", "BenchmarkSchemas", "ProtobufBaseline", .product(name: "ZSchemaRuntime", package: "zschema"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
