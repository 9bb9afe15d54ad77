import ArgumentParser
import DealzApp
import ExampleSystems
import ZSchemaRuntime

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

    @OptionGroup(title: "Security")
    var security: SecurityOptions

    /// The endpoints with their heartbeat, and CURVE or PLAIN started on `context` (its ZAP
    /// authenticator runs until the returned security is stopped); `spawnsWorkers` lets in the
    /// workers dealz starts with its own credentials.
    func secured(context: ZMQContext, log: ServiceLog, spawnsWorkers: Bool = false) throws -> (DealzEndpoints, ServiceSecurity) {
        let security = try security.start(context: context, roles: [.server, .client], log: log, allowingOwnKey: spawnsWorkers)
        var endpoints = self.endpoints
        endpoints.security = security
        return (endpoints, security)
    }

    var endpoints: DealzEndpoints {
        var endpoints = DealzEndpoints()
        (endpoints.chatzRouter, endpoints.chatzPub, endpoints.tickz) = (chatzRouter, chatzPub, tickz)
        (endpoints.push, endpoints.pull, endpoints.pub) = (push, pull, pub)
        endpoints.heartbeat = zmtpHeartbeat.heartbeat
        return endpoints
    }
}
