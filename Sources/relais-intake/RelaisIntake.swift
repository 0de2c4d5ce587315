import ArgumentParser
import Foundation
import RelaisCLI
import RelaisCore

/// `relais-intake`: residents, help requests and accompaniments at the desk.
@main
struct RelaisIntake: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relais-intake",
        abstract: "The desk's help-request workflow: residents, requests, queue, accompaniments, receipts.",
        discussion: """
            A walk-in, interactively:   relais-intake new
            The work queue:             relais-intake queue --site mdh-surieux
            A request's timeline:       relais-intake request show D-2026-000123
            Lifecycle: assign, start, wait, resume, note, resolve, refer, close, reopen.
            Time spent, for the funder: relais-intake log D-2026-000123 --duration 45

            The database: --database, else $RELAIS_DATABASE, else $XDG_DATA_HOME/relais/relais.sqlite.
            The agent: --agent, else $RELAIS_AGENT, else your login name.
            Exit codes: 0 done; 1 refused or bad input (nothing written); 3 database missing, not initialised, unreachable, damaged, read-only or from a newer Relais; 64 wrong usage.
            See docs/desk-guide.md.
            """,
        version: RelaisVersion.string,
        subcommands: [
            New.self, Resident.self, Request.self, Queue.self, Assign.self, Start.self, Wait.self, Resume.self,
            Note.self, Resolve.self, Refer.self, Close.self, Reopen.self, Log.self, Receipt.self, Import.self,
        ])

    /// `request open` in its plainest spelling skips swift-argument-parser's start-up (see
    /// `FastArguments`); everything else, and every usage error, goes through it.
    static func main() {
        InputCheck.arguments()
        if let arguments = RequestOpen.fastArguments(Array(CommandLine.arguments.dropFirst())) {
            do {
                try RequestOpen.perform(arguments)
                Foundation.exit(0)
            } catch let code as ExitCode {
                Foundation.exit(code.rawValue)
            } catch {
                Foundation.exit(1)
            }
        }
        main(nil)
    }
}

extension RelaisIntake {
    /// `relais-intake resident …`
    struct Resident: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resident",
            abstract: "Residents: add (with a duplicate warning), find, show, edit, merge.",
            subcommands: [ResidentAdd.self, ResidentFind.self, ResidentShow.self, ResidentEdit.self, ResidentMerge.self])
    }

    /// `relais-intake request …`
    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request",
            abstract: "Help requests: open, list, show.",
            subcommands: [RequestOpen.self, RequestList.self, RequestShow.self])
    }

    /// `relais-intake import …`
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import historical data from CSV, all or nothing.",
            subcommands: [ImportRequests.self])
    }
}
