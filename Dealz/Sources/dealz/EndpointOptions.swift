import ArgumentParser
import DealzApp
import ExampleSystems

/// The endpoint and heartbeat options every dealz command takes.
struct EndpointOptions: ParsableArguments {
    @Option(help: "Where the chatz REQ socket connects.")
    var chatzRouter = DealzEndpoints().chatzRouter

    @Option(help: "Where the chatz SUB socket connects.")
    var chatzPub = DealzEndpoints().chatzPub

    @Option(help: "Where the tickz SUB socket connects.")
    var tickz = DealzEndpoints().tickz

    @Option(help: "Where the PUSH socket for orders binds.")
    var push = DealzEndpoints().push

    @Option(help: "Where the PULL socket for READY and valuations binds.")
    var pull = DealzEndpoints().pull

    @Option(help: "Where the PUB socket for EXIT binds.")
    var pub = DealzEndpoints().pub

    @OptionGroup(title: "ZMTP heartbeats")
    var zmtpHeartbeat: HeartbeatOptions

    var endpoints: DealzEndpoints {
        var endpoints = DealzEndpoints()
        (endpoints.chatzRouter, endpoints.chatzPub, endpoints.tickz) = (chatzRouter, chatzPub, tickz)
        (endpoints.push, endpoints.pull, endpoints.pub) = (push, pull, pub)
        endpoints.heartbeat = zmtpHeartbeat.heartbeat
        return endpoints
    }
}
