import ZSchemaRuntime

/// What the `kitchensink` decoder fuzzer does with one input, shared with the corpus-replay test: the
/// first byte picks one of the messages generated from the kitchen-sink and BeyondTheBox schemas, the rest are frames, and
/// whatever decodes must round-trip (``DecoderRoundTrip``).
enum DecoderFuzzHarness {
    /// Every message type those schemas generate; a test checks the list against the files.
    static let messages: [DecoderRoundTrip.Decoder] = [
        .of(NativeTick.self),
        .of(BeyondtheboxTickzClient.Subscription.self),
        .of(Reading.self),
        .of(Query.self),
        .of(Answer.self),
        .of(Nothing.self),
        .of(ReadingPublisher.self),
        .of(FrameReader.self),
        .of(Ping.self),
        .of(Pong.self),
        .of(Job.self),
        .of(Done.self),
        .of(Left.self),
        .of(Right.self),
        .of(Event.self),
        .of(String.self),
        .of(Banner.self),
        .of(AnswerOrNothing.self),
        .of(EventOrString.self),
        .of(SinkClient.SubSubscription.self),
        .of(SinkClient.XsubSubscription.self),
    ]

    /// Runs one input; whether its frames decoded as the chosen type (the round trip held, or
    /// this traps).
    @discardableResult
    static func run(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let input = DecoderRoundTrip.input(bytes) else { return false }
        return messages[input.selector % messages.count].check(input.frames)
    }
}
