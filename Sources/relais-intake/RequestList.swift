import ArgumentParser
import Foundation
import RelaisCLI
import RelaisCore
import RelaisStore

/// The queue filters shared by `queue` and `request list`.
struct QueueOptions: ParsableArguments {
    @Option(help: "Site code.") var site: String?
    @Option(help: "Statuses, comma-separated (default: the open ones: new, assigned, in_progress, waiting).") var status: String?
    @Option(help: "Assignee's staff code.") var assignee: String?
    @Option(help: "One of the six fields.") var field: String?
    @Option(help: "An ANCT theme code.") var theme: String?
    @Flag(help: "Only open requests past their deadline (a finished request is never overdue).") var overdue = false
    @Option(help: "Only requests whose deadline is within N days (0 to 3660), or past.") var dueWithin: Int?
    @Option(help: "At most this many rows.") var limit = 100
    @Flag(help: "Print the database's query plan instead of the rows (checks that indexes are used).") var explain = false
    @Flag(help: "Print the query time on standard error.") var timing = false

    func validate() throws {
        guard (1...100_000).contains(limit) else { throw ArgumentParser.ValidationError("--limit must be between 1 and 100000") }
        if let dueWithin, !QueueFilter.dueWithinRange.contains(dueWithin) {
            let range = QueueFilter.dueWithinRange
            throw ArgumentParser.ValidationError("--due-within must be between \(range.lowerBound) and \(range.upperBound) days")
        }
    }

    func filter(today: LocalDate) throws -> QueueFilter {
        var filter = QueueFilter(today: today)
        filter.site = site
        filter.statuses = try status.map { try RequestStatus.parseList($0) } ?? []
        filter.assignee = assignee
        filter.field = try InclusionField.parseOptional(field)
        filter.theme = try Theme.parseOptional(theme)
        filter.overdue = overdue
        filter.dueWithinDays = dueWithin
        filter.limit = limit
        return filter
    }

    func run(database: DatabaseOptions, output: OutputOptions, language: Language) throws {
        let filter = try self.filter(today: ParisTime.today())
        let db = try database.open()
        if explain {
            for line in try RequestStore.explainList(db, filter) { print(line) }
            return
        }
        let started = Date()
        let rows = try RequestStore.list(db, filter)
        if timing {
            Terminal.error(String(format: "query: %.1f ms, %d rows\n", Date().timeIntervalSince(started) * 1000, rows.count))
        }
        if rows.isEmpty && output.format == .table {
            print(language.pick(en: "No request matches.", fr: "Aucune demande ne correspond."))
            return
        }
        Terminal.write(output.render(IntakeListings.requests(rows, language, summaryWidth: output.format == .table ? 50 : nil)))
        if rows.count == limit && output.format == .table {
            Terminal.error(language.pick(en: "(first \(limit) rows; --limit shows more)\n", fr: "(les \(limit) premières lignes ; --limit pour en voir plus)\n"))
        }
    }
}

extension RelaisIntake {
    struct RequestList: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List requests: most urgent first, then by deadline (none last), then oldest.",
            discussion: """
                Examples:
                  relais-intake request list --site mdh-surieux --status waiting
                  relais-intake request list --status closed,resolved --field usage_assistance --format csv --csv-separator ';' --bom
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var language: LanguageOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var queue: QueueOptions

        func run() throws {
            try runIntake(language.language) { try queue.run(database: database, output: output, language: language.language) }
        }
    }

    struct Queue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "queue",
            abstract: "The work queue: open requests, most urgent first, then by deadline.",
            discussion: """
                Examples:
                  relais-intake queue --site mdh-surieux
                  relais-intake queue --assignee c-amina --due-within 7
                  relais-intake queue --overdue --format json
                  relais-intake queue --theme aide_aux_demarches_administratives --explain
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var language: LanguageOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var queue: QueueOptions

        func run() throws {
            try runIntake(language.language) { try queue.run(database: database, output: output, language: language.language) }
        }
    }
}
