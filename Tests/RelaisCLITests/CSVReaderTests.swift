import Foundation
import RelaisCLI
import RelaisCore
import Testing

/// The byte-level CSV reader keeps RFC 4180 semantics, line numbers and error messages.
@Suite struct CSVReaderTests {
    @Test func lineEndsBOMAndQuotesAreRead() throws {
        let reader = try CSVReader(text: "\u{FEFF}a;b;c\r\n1;\"x;y\";\"say \"\"hi\"\"\"\r\n\r\n2;\"l1\r\nl2\";é\r3;;\n")
        #expect(reader.separator == ";")
        #expect(reader.header == ["a", "b", "c"])
        #expect(reader.records.map(\.fields) == [["1", "x;y", "say \"hi\""], ["2", "l1\nl2", "é"], ["3", "", ""]], "a cell's CRLF reads as LF")
        #expect(reader.records.map(\.line) == [2, 4, 6])
    }

    @Test func lastRecordWithoutLineEndAndQuotedEmptyFields() throws {
        let reader = try CSVReader(text: "a,b\n\"\",x\n\"q\",\"\"")
        #expect(reader.separator == ",")
        #expect(reader.records.map(\.fields) == [["", "x"], ["q", ""]])
        #expect(reader.records.map(\.line) == [2, 3])
    }

    @Test func aGivenSeparatorIsUsedAndMustBeASCII() throws {
        let reader = try CSVReader(text: "a|b\n1|\"2|3\"\n", separator: "|")
        #expect(reader.separator == "|")
        #expect(reader.records.map(\.fields) == [["1", "2|3"]])
        let tabs = try CSVReader(text: "a\tb\n1\t\"2\t3\"\n", separator: "\t")
        #expect(tabs.records.map(\.fields) == [["1", "2\t3"]])
        #expect(throws: CSVError(line: 1, reason: "the separator must be one ASCII character other than a quote or a line end")) {
            try CSVReader(text: "a§b\n1§2\n", separator: "§")
        }
    }

    @Test func badQuotesAreReportedWithTheirLine() {
        #expect(throws: CSVError(line: 3, reason: "text after a closing quote; the separator is ','")) {
            try CSVReader(text: "a,b\n1,2\n\"x\"y,2\n")
        }
        #expect(throws: CSVError(line: 4, reason: "a quote inside an unquoted field; quote the whole field and double the quote (\"\")")) {
            try CSVReader(text: "a,b\n\"1\n2\",x\n3,y\"z\n")
        }
        #expect(throws: CSVError(line: 4, reason: "a quoted field is never closed")) {
            try CSVReader(text: "a,b\n1,\"2\n3\"\n\"open,\n4\n")
        }
    }

    @Test func aLoneCarriageReturnInsideQuotesCountsAsALine() throws {
        // Old Mac spreadsheets end lines with a lone CR, inside quoted fields too.
        let reader = try CSVReader(text: "a,b\r1,\"x\ry\"\r2,z\r")
        #expect(reader.records.map(\.line) == [2, 4])
        #expect(throws: CSVError(line: 4, reason: "text after a closing quote; the separator is ','")) {
            try CSVReader(text: "a,b\r1,\"x\ry\"\r\"q\"w,2\r")
        }
    }

    @Test func cellsCarryNoControlCharacterAndOldMacLineBreaksReadAsLineFeeds() throws {
        let mac = try CSVReader(text: "a,b\r1,\"x\ry\"\r")
        #expect(mac.records.map(\.fields) == [["1", "x\ny"]])
        #expect(throws: CSVError(line: 3, reason: "field 2 contains a control character (such as NUL or ESC, or a right-to-left override)")) {
            try CSVReader(text: "a,b\n1,ok\n2,A\u{1B}[2Jb\n")
        }
        #expect(throws: CSVError(line: 2, reason: "field 1 contains a control character (such as NUL or ESC, or a right-to-left override)")) {
            try CSVReader(text: "a,b\n\"x\u{0}\",y\n")
        }
    }

    @Test func aPromptAsksAgainWhenAnArrowKeyCameWithTheAnswer() throws {
        var answers = ["\u{1B}[AKarim", "Karim"]
        var shown = ""
        let prompt = Prompter(language: .en, input: { answers.isEmpty ? nil : answers.removeFirst() }, output: { shown += $0 })
        #expect(try prompt.ask("First name") == "Karim")
        #expect(shown == "First name: " + "  ! the answer holds a control character (an arrow key?); type it again\n" + "First name: ")
    }

    @Test func readingErrorsAreWordedInBothLanguages() {
        let error = CSVError(line: 3, reason: "a quoted field is never closed", fr: "un champ entre guillemets n’est jamais fermé")
        #expect(error.message(.en) == "line 3: a quoted field is never closed")
        #expect(error.message(.fr) == "ligne 3 : un champ entre guillemets n’est jamais fermé")
        do {
            _ = try CSVReader(text: "a,b\n1,y\"z\n")
            Issue.record("a stray quote must be refused")
        } catch let error as CSVError {
            #expect(error.message(.fr)
                == "ligne 2 : un guillemet dans un champ sans guillemets ; entourez tout le champ de guillemets et doublez le guillemet (\"\")")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func todayInParisMatchesTheCalendar() {
        let paris = TimeZone(identifier: "Europe/Paris")!
        // Around both daylight-saving changes of 2026 and midnight.
        for start in [1_774_746_000.0, 1_792_890_000.0, 1_796_000_000.0] {
            for hour in stride(from: -30.0, through: 30.0, by: 0.5) {
                let instant = Date(timeIntervalSince1970: start + hour * 3600)
                #expect(ParisTime.today(instant) == LocalDate(instant, timeZone: paris))
            }
        }
    }
}
