import Foundation
import RelaisCLI
import RelaisCore
import Testing

@Suite struct OutputTests {
    let listing = Listing(columns: ["code", "name", "count"], rows: [
        ["mdh-surieux", "Maison des habitants; Surieux", 12],
        ["=HYPERLINK(\"x\")", "ligne 1\nligne 2", -3],
        ["+33612345678", "Il a dit \"oui\"", .empty],
    ])

    @Test func csvFollowsRFC4180AndNeutralisesFormulas() {
        let csv = CSVWriter(separator: ",").render(listing)
        let expected = "code,name,count\r\n"
            + "mdh-surieux,Maison des habitants; Surieux,12\r\n"
            + "\"'=HYPERLINK(\"\"x\"\")\",\"ligne 1\nligne 2\",-3\r\n"
            + "'+33612345678,\"Il a dit \"\"oui\"\"\",\r\n"
        #expect(csv == expected)
    }

    @Test func frenchSpreadsheetsGetSemicolonsAndABOM() {
        let csv = CSVWriter(separator: ";", byteOrderMark: true).render(listing)
        #expect(csv.hasPrefix("\u{FEFF}code;name;count\r\n"))
        #expect(csv.contains("mdh-surieux;\"Maison des habitants; Surieux\";12\r\n"))
    }

    @Test(arguments: ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
    func everyFormulaPrefixIsNeutralised(_ cell: String) {
        #expect(CSVWriter().neutralise(cell) == "'" + cell)
    }

    @Test func aCSVWeWriteReadsBackTheSame() throws {
        let text = CSVWriter(separator: ";", byteOrderMark: true).render(Listing(columns: ["a", "b"], rows: [["x;y", "l1\nl2"], ["\"q\"", ""]]))
        let reader = try CSVReader(text: text)
        #expect(reader.separator == ";")
        #expect(reader.header == ["a", "b"])
        #expect(reader.records.map(\.fields) == [["x;y", "l1\nl2"], ["\"q\"", ""]])
        #expect(reader.records.map(\.line) == [2, 4])
    }

    @Test func badCSVIsReportedWithItsLine() {
        #expect(throws: CSVError(line: 3, reason: "a quoted field is never closed")) {
            try CSVReader(text: "a,b\n1,2\n\"open,3\n4,5\n")
        }
        #expect(throws: CSVError(line: 2, reason: "a quote inside an unquoted field; quote the whole field and double the quote (\"\")")) {
            try CSVReader(text: "a,b\n1x\"y,2\n")
        }
        #expect(throws: CSVError(line: 3, reason: "1 fields where the header has 2")) {
            try CSVReader(text: "a,b\n1,2\n3\n").rows()
        }
        #expect(throws: CSVError(line: 1, reason: "the file is empty: a header line is needed")) { try CSVReader(text: "") }
    }

    @Test func tableAlignsColumnsAndKeepsCellsOnOneLine() {
        let table = TableRenderer.render(listing)
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("code" + String(repeating: " ", count: 13) + "name"))
        #expect(lines[3].contains("ligne 1 ⏎ ligne 2"))
        #expect(lines.count == 6)
    }

    @Test func jsonKeepsNumbersAndEscapesText() throws {
        let json = JSONRenderer.render(listing)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 3)
        #expect(parsed?[0]["count"] as? Int == 12)
        #expect(parsed?[1]["name"] as? String == "ligne 1\nligne 2")
        #expect(parsed?[2]["count"] is NSNull)
    }

    @Test func languageFollowsTheLocale() {
        #expect(LanguageOptions.fromLocale(["LANG": "fr_FR.UTF-8"]) == .fr)
        #expect(LanguageOptions.fromLocale(["LC_ALL": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"]) == .en)
        #expect(LanguageOptions.fromLocale(["LC_MESSAGES": "fr_BE"]) == .fr)
        #expect(LanguageOptions.fromLocale([:]) == .en)
    }
}

@Suite struct AgentTests {
    @Test func optionWinsThenEnvironmentThenLogin() {
        #expect(AgentOptions.resolve(option: " a-sylvie ", environment: ["RELAIS_AGENT": "a-karim", "USER": "root"]) == "a-sylvie")
        #expect(AgentOptions.resolve(option: nil, environment: ["RELAIS_AGENT": "a-karim", "USER": "root"]) == "a-karim")
        #expect(AgentOptions.resolve(option: nil, environment: ["RELAIS_AGENT": " a-karim\n", "USER": "root"]) == "a-karim", "one agent, however the variable was set")
        #expect(AgentOptions.resolve(option: "  ", environment: ["USER": "sylvie"]) == "sylvie")
        #expect(AgentOptions.resolve(option: nil, environment: ["LOGNAME": "karim"]) == "karim")
    }
}
