import Measurement
import Testing

@Suite struct TextTableTests {
    @Test func columnsAreAsWideAsTheirWidestCellTextLeftNumbersRight() {
        var table = TextTable([.init("name", .left), .init("requests"), .init("note", .left)])
        table.append(["app", "5,493", "ok"])
        table.append(["a-longer-name", "7", ""])
        let expected = """
              name           requests  note
              app               5,493  ok
              a-longer-name         7

            """
        #expect(table.text() == expected)
    }
}
