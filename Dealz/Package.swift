// swift-tools-version:6.0
// dealz, the web dashboard over tickz, chatz and valuz. Kept apart from the main package so that
// a consumer of ZSchemaRuntime and the plugin never resolves or builds the web stack.
import PackageDescription

let package = Package(
    name: "dealz",
    products: [
        .executable(name: "dealz", targets: ["dealz"])
    ],
    dependencies: [
        // A link to the repository root, so the dependency is called zschema whatever the clone's folder is called.
        .package(path: "zschema"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Hummingbird's own dependencies, named for NIOCore's errors and the service group.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The dashboard: the ZeroMQ engine on a thread of its own, the state it keeps, and the
        // HTTP application that serves the page and pushes the state to browsers.
        .target(
            name: "DealzApp",
            dependencies: [
                .product(name: "ExampleSystems", package: "zschema"),
                .product(name: "ZSchemaRuntime", package: "zschema"),
                .product(name: "SeededRandom", package: "zschema"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Public")]
        ),
        .executableTarget(
            name: "dealz",
            dependencies: [
                "DealzApp",
                .product(name: "ExampleSystems", package: "zschema"),
                .product(name: "ZSchemaRuntime", package: "zschema"),
                .product(name: "SeededRandom", package: "zschema"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "DealzTests",
            dependencies: [
                "DealzApp", "dealz",
                .product(name: "ExampleSystems", package: "zschema"),
                .product(name: "ZSchemaRuntime", package: "zschema"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
