/// A generated Swift file.
public struct GeneratedFile: Sendable, Hashable {
    /// The file name (`tickz.swift`).
    public let name: String
    /// The Swift source.
    public let contents: String
}

/// The Swift backend: names every declaration (`SwiftNamer`), plans the declarations of each
/// file (`SwiftPlanner`) and renders them (`SwiftRenderer`). Each stage is a value in, a value
/// out; the output depends only on the checked model, so the same schemas give the same bytes.
public struct SwiftGenerator: Sendable {
    /// The checked model.
    public let ir: SchemaIR
    /// `public` or `internal` declarations.
    public let accessLevel: AccessLevel
    /// What the Swift names could not resolve (two types the schemas name alike); the files are
    /// generated only when this holds no error.
    public let diagnostics: [Diagnostic]
    let names: SwiftNames
    /// Built once: its indexes cover every schema, and building them per file made generating
    /// n files O(n²).
    let planner: SwiftPlanner

    /// Names the declarations of `ir`.
    public init(ir: SchemaIR, accessLevel: AccessLevel = .public) {
        self.ir = ir
        self.accessLevel = accessLevel
        (names, diagnostics) = SwiftNamer.names(for: ir)
        planner = SwiftPlanner(ir: ir, names: names)
    }

    /// Whether the names hold an error, so that no file should be written.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// One generated file per source file, in the same order. Files are planned and rendered
    /// on every core; each depends only on the model, so the bytes do not depend on scheduling.
    public func generate(files: [SourceFile]) -> [GeneratedFile] {
        files.parallelMap { GeneratedFile(name: $0.baseName + ".swift", contents: generate(file: $0)) }
    }

    /// The Swift source for one schema file.
    public func generate(file: SourceFile) -> String {
        SwiftRenderer(access: accessLevel, names: names).render(plan(file: file))
    }

    /// The typed declarations of one file, before they become text.
    func plan(file: SourceFile) -> SwiftFilePlan {
        planner.plan(file: file)
    }
}
