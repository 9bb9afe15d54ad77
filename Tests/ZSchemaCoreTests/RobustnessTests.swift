import SeededRandom
import Testing

@testable import ZSchemaCore

/// Malformed schemas get diagnostics, never a crash or a hang: thousands of mutations of the
/// seed's examples and of the project's schemas go through the whole checker and emitter.
@Suite("Robustness")
struct RobustnessTests {
    static let alphabet = Array("[]()<>-?*+|=:\"\\# \t\n.@*0123456789uyUL:ABCxz\u{1F}ë")

    @Test("mutated schemas are diagnosed, not crashed on", .timeLimit(.minutes(2)))
    func mutations() throws {
        let bases = [try seedFiles(), try projectSchemas()]
        var random = SplitMix64(seed: 20_261_125)
        var withErrors = 0, emitted = 0
        for round in 0..<1500 {
            var files = bases[round % 2]
            let index = Int.random(in: 0..<files.count, using: &random)
            var characters = Array(files[index].text)
            for _ in 0..<Int.random(in: 1...4, using: &random) where !characters.isEmpty {
                let position = Int.random(in: 0..<characters.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: characters.remove(at: position)
                case 1: characters.insert(Self.alphabet.randomElement(using: &random)!, at: position)
                default: characters[position] = Self.alphabet.randomElement(using: &random)!
                }
            }
            files[index] = SourceFile(path: files[index].path, text: String(characters))
            let result = Checker.check(files)
            if result.hasErrors {
                withErrors += 1
                for diagnostic in result.diagnostics {
                    #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "round \(round): \(diagnostic)")
                }
            } else {
                emitted += SwiftGenerator(ir: result.ir).generate(files: files).count
            }
        }
        #expect(withErrors > 100)  // the mutations do produce bad input
        #expect(emitted > 100)  // and some still compile, through the emitter
    }
}
