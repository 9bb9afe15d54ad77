import ArgumentParser

/// dealz: one front end over tickz, chatz and valuz, as a web dashboard (`serve`, the default) or
/// as one batch run for scripts (`batch`).
@main
struct DealzCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dealz",
        abstract: "A live dashboard over tickz, chatz and valuz, or one batch of deals valued at live prices.",
        subcommands: [ServeCommand.self, BatchCommand.self],
        defaultSubcommand: ServeCommand.self)
}
