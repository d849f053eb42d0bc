import ProxyModel
import Testing

/// nginx-semantics.md section 7: `ngx_event_add_timer` leaves a timer alone when the
/// new deadline is within NGX_TIMER_LAZY_DELAY (300 ms) of the old one.
@Suite struct LazyTimerRuleTests {
    let armed = TestUpstream.at(seconds: 60)

    @Test func timerIsNotMovedWhenTheNewDeadlineIsWithin300Milliseconds() {
        #expect(LazyTimerRule.deadline(armed: armed, requested: armed + .milliseconds(299)) == armed)
        #expect(LazyTimerRule.deadline(armed: armed, requested: armed - .milliseconds(299)) == armed)
    }

    @Test func timerIsMovedWhenTheNewDeadlineIs300MillisecondsOrMoreAway() {
        #expect(LazyTimerRule.deadline(armed: armed, requested: armed + .milliseconds(300)) == armed + .milliseconds(300))
        #expect(LazyTimerRule.deadline(armed: armed, requested: armed - .seconds(5)) == armed - .seconds(5))
    }

    @Test func unarmedTimerTakesTheRequestedDeadline() {
        #expect(LazyTimerRule.deadline(armed: nil, requested: armed) == armed)
        #expect(LazyTimerRule.deadline(armed: .distantFuture, requested: .zero) == .zero)
    }
}
