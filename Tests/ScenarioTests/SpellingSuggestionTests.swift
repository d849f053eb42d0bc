import Scenario
import Testing

@Suite struct SpellingSuggestionTests {
    @Test func editDistanceCountsASwapOfNeighboursAsOneEdit() {
        #expect(SpellingSuggestion.editDistance("keepalvie", "keepalive") == 1)
        #expect(SpellingSuggestion.editDistance("keepalve", "keepalive") == 1)
        #expect(SpellingSuggestion.editDistance("kitten", "sitting") == 3)
        #expect(SpellingSuggestion.editDistance("", "abc") == 3)
        #expect(SpellingSuggestion.editDistance("ca", "abc") == 3)  // restricted form: no edit of a swapped pair
        #expect(SpellingSuggestion.editDistance("中文", "文中") == 1)
    }

    @Test func suggestsTheNearestCandidateWithinATypoDistance() {
        let keys = ["keepalive", "keepalive_timeout", "keepalive_requests", "servers"]
        #expect(SpellingSuggestion.nearest(to: "keepalve", among: keys) == "keepalive")
        #expect(SpellingSuggestion.nearest(to: "keepalive_timout", among: keys) == "keepalive_timeout")
        #expect(SpellingSuggestion.nearest(to: "KeepAlive", among: keys) == "keepalive")
        #expect(SpellingSuggestion.nearest(to: "server", among: keys) == "servers")
        #expect(SpellingSuggestion.nearest(to: "backends", among: keys) == nil)
    }

    @Test func veryShortWordsOnlyMatchUpToCase() {
        #expect(SpellingSuggestion.nearest(to: "a", among: ["b"]) == nil)
        #expect(SpellingSuggestion.nearest(to: "A", among: ["b", "a"]) == "a")
        #expect(SpellingSuggestion.nearest(to: "ratee", among: ["rate"]) == "rate")
    }

    @Test func tiesGoToTheEarlierCandidate() {
        #expect(SpellingSuggestion.nearest(to: "cat", among: ["bat", "car"]) == "bat")
        #expect(SpellingSuggestion.nearest(to: "cat", among: ["car", "bat"]) == "car")
    }
}
