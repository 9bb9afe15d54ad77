import ZSchemaRuntime

/// What the `decoders` decoder fuzzer does with one input, shared with the corpus-replay test: the
/// first byte picks one of the messages generated from Schemas/ (tickz, chatz, valuz, dealz), the rest are frames, and
/// whatever decodes must round-trip (``DecoderRoundTrip``).
enum DecoderFuzzHarness {
    /// Every message type those schemas generate; a test checks the list against the files.
    static let messages: [DecoderRoundTrip.Decoder] = [
        .of(ChatRequest.self),
        .of(UserList.self),
        .of(NoUsers.self),
        .of(ChatMessage.self),
        .of(UserListOrNoUsers.self),
        .of(ReadyOrValuation.self),
        .of(Dealz.Subscription.self),
        .of(Tick.self),
        .of(TickzClient.Subscription.self),
        .of(Order.self),
        .of(NumberedOrder.self),
        .of(Ready.self),
        .of(Valuation.self),
        .of(NumberedValuation.self),
        .of(Start.self),
        .of(Exit.self),
        .of(Resend.self),
        .of(OrderOrNumberedOrder.self),
        .of(StartOrExitOrResend.self),
        .of(ReadyOrValuationOrNumberedValuation.self),
    ]

    /// Runs one input; whether its frames decoded as the chosen type (the round trip held, or
    /// this traps).
    @discardableResult
    static func run(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let input = DecoderRoundTrip.input(bytes) else { return false }
        return messages[input.selector % messages.count].check(input.frames)
    }
}
