import Scenario
import Testing

/// The canonical printed form: what `--print-model` shows and what the round-trip test relies on.
@Suite struct JSON5WriterTests {
    @Test func printsCanonicalJSON5WithCommentsInTreeOrder() {
        let tree = JSON5Value(.object([
            JSON5Member(key: "name", value: "demo", comment: "the scenario's name\ndefault: none"),
            JSON5Member(key: "seed", value: 42),
            JSON5Member(key: "nginx", value: [
                "workers": 4,
                "keepalive_timeout": "60s",
                "upstreams": ["app": ["servers": ["a:80", "b:80"], "weight": 1.5]],
            ]),
            JSON5Member(key: "with space", value: "tab\there \"q\" \\ \u{1}\u{2028}é"),
            JSON5Member(key: "null", value: nil),
            JSON5Member(key: "numbers", value: [-0.0, 1e-7, 1e300, JSON5Value(.number(JSON5Number(Double.infinity))), JSON5Value(.number(JSON5Number(-Double.infinity))),
                JSON5Value(.number(JSON5Number(Double.nan))), 9_223_372_036_854_775_807, 2.0]),
            JSON5Member(key: "list", value: [["a": true], []]),
            JSON5Member(key: "empty", value: [:]),
            JSON5Member(key: "none", value: []),
        ]))
        let expected = #"""
            // generated
            {
              // the scenario's name
              // default: none
              name: "demo",
              seed: 42,
              nginx: {
                workers: 4,
                keepalive_timeout: "60s",
                upstreams: {
                  app: {
                    servers: ["a:80", "b:80"],
                    weight: 1.5
                  }
                }
              },
              "with space": "tab\there \"q\" \\ \u0001\u2028é",
              "null": null,
              numbers: [-0, 1e-07, 1e+300, Infinity, -Infinity, NaN, 9223372036854775807, 2],
              list: [
                {
                  a: true
                },
                []
              ],
              empty: {},
              none: []
            }

            """#
        #expect(JSON5Writer().string(for: tree, header: "generated") == expected)
    }

    @Test func longArraysOfScalarsGoOneElementPerLine() {
        let tree: JSON5Value = ["ports": JSON5Value(.array((0..<20).map { JSON5Value(.number(JSON5Number(10_000 + $0))) }))]
        let lines = JSON5Writer().string(for: tree).split(separator: "\n")
        #expect(lines.count == 20 + 4)
        #expect(lines[1] == "  ports: [")
        #expect(lines[2] == "    10000,")
        #expect(lines[21] == "    10019")
        #expect(lines.allSatisfy { $0.count <= JSON5Writer().maximumInlineWidth })
    }

    @Test func numbersPrintCanonicallyWhateverTheirSpelling() {
        guard let value = parsed("[0x10, +1, 1e3, .5, 5., 1.50, -0x0]") else { return }
        #expect(JSON5Writer().string(for: value) == "[16, 1, 1000, 0.5, 5, 1.5, -0]\n")
    }

    @Test func keysThatAreNotPlainNamesAreQuoted() {
        let tree: JSON5Value = ["a-b": 1, "1a": 2, "": 3, "café": 4, "true": 5, "$ok_1": 6]
        #expect(JSON5Writer().string(for: tree) == """
            {
              "a-b": 1,
              "1a": 2,
              "": 3,
              "café": 4,
              "true": 5,
              $ok_1: 6
            }

            """)
    }

    @Test func aScalarDocumentIsOneLine() {
        #expect(JSON5Writer().string(for: "x") == "\"x\"\n")
    }
}
