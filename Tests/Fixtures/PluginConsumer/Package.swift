// swift-tools-version:6.0
// A consumer of zschema's build plugin, built by ZSchemaCLITests/PluginConsumerTests. The test
// places this folder next to a link named `zschema` that points at the repository root.
import PackageDescription

let package = Package(
    name: "PluginConsumer",
    dependencies: [
        .package(path: "../zschema")
    ],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [.product(name: "ZSchemaRuntime", package: "zschema")],
            plugins: [.plugin(name: "ZSchemaPlugin", package: "zschema")]
        )
    ],
    swiftLanguageModes: [.v6]
)
