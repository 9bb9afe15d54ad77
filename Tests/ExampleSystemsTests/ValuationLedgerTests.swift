import ExampleSystems
import Testing

@Suite("valuz reducer's ledger")
struct ValuationLedgerTests {
    @Test("numbered valuations count once; the missing numbers are the ones not seen")
    func numbered() {
        var ledger = ValuationLedger(expected: 5)
        #expect(ledger.missingNumbers == [0, 1, 2, 3, 4])
        #expect(ledger.record(NumberedValuation(number: 3, stock: "IBM", value: 2)) == .counted)
        #expect(ledger.record(NumberedValuation(number: 3, stock: "IBM", value: 2)) == .duplicate)
        #expect(ledger.record(NumberedValuation(number: 5, stock: "IBM", value: 9)) == .outOfRange)
        #expect(ledger.record(NumberedValuation(number: 0, stock: "AAPL", value: -0.5)) == .counted)
        #expect(ledger.missingNumbers == [1, 2, 4])
        #expect(ledger.counted == 2 && ledger.duplicates == 1 && !ledger.isComplete)
        #expect(ledger.total.value == 1.5)
        #expect(ledger.bySymbol["IBM"]?.value == 2)
        for number: UInt32 in [1, 2, 4] { ledger.record(NumberedValuation(number: number, stock: "IBM", value: 1)) }
        #expect(ledger.isComplete && ledger.missingNumbers.isEmpty)
    }

    @Test("plain (seed-format) valuations always count, and then no order can be named as missing")
    func plain() {
        var ledger = ValuationLedger(expected: 3)
        ledger.record(Valuation(stock: "IBM", value: 1))
        ledger.record(Valuation(stock: "IBM", value: 1))
        #expect(ledger.counted == 2 && ledger.plainCount == 2)
        #expect(!ledger.tracksNumbers && ledger.missingNumbers.isEmpty)
        ledger.record(NumberedValuation(number: 0, stock: "IBM", value: 1))
        #expect(ledger.isComplete && ledger.total.value == 3)
    }
}
