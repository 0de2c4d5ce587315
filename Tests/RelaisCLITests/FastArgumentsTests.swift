import Testing

@testable import RelaisCLI

@Suite struct FastArgumentsTests {
    let options = ["database", "site", "field", "summary", "lang"]
    let required = ["field", "summary"]

    func read(_ arguments: [String]) -> FastArguments? {
        FastArguments(arguments, path: ["request", "open"], options: options, required: required)
    }

    @Test func readsPairsInBothSpellings() throws {
        let read = try #require(self.read(["request", "open", "--field", "connectivity", "--summary=Box en panne", "--site", "mdh-ouest"]))
        #expect(read["field"] == "connectivity")
        #expect(read["summary"] == "Box en panne")
        #expect(read["site"] == "mdh-ouest")
        #expect(read["database"] == nil)
        #expect(read.names == ["field", "summary", "site"])
    }

    @Test func keepsValuesAsGiven() throws {
        let read = try #require(self.read(["request", "open", "--field", "x", "--summary", "a = b, « c »", "--site="]))
        #expect(read["summary"] == "a = b, « c »")
        #expect(read["site"] == "")
    }

    /// Everything but the plainest spelling goes to the full parser.
    @Test(arguments: [
        ["request", "list", "--field", "x", "--summary", "y"],  // another command
        ["request"],  // no subcommand
        ["request", "open", "--field", "x"],  // a required option missing
        ["request", "open", "--field", "x", "--summary", "y", "--help"],  // help
        ["request", "open", "--field", "x", "--summary", "y", "-h"],  // short flag
        ["request", "open", "--field", "x", "--summary", "y", "--colour", "red"],  // unknown option
        ["request", "open", "--field", "x", "--summary", "y", "--field", "z"],  // repeated option
        ["request", "open", "--field", "x", "--summary"],  // value missing
        ["request", "open", "--field", "x", "--summary", "--site", "s"],  // an option where the value goes
        ["request", "open", "--field", "x", "--summary", "-y"],  // a value that looks like an option
        ["request", "open", "--field", "x", "--summary", "y", "extra"],  // a positional argument
        ["request", "open", "--", "--field", "x", "--summary", "y"],  // the end-of-options marker
    ])
    func leavesTheRestToTheFullParser(_ arguments: [String]) {
        #expect(read(arguments) == nil)
    }
}
