import ProxyModel

/// The delay line of a `SocketConnection` with a `LinkDelay`: writes wait
/// for their moment, a close for its own, each released by a loop timer.
extension SocketConnection {
    /// Writes go through the delay line: a delay is set, or a handshake
    /// still holds them, or earlier writes are waiting (order is kept).
    var isDelayingWrites: Bool {
        linkDelay.write > .zero || !delayLine.isEmpty || delayLine.holdUntil > loop.now
    }

    /// Queues `bytes` to leave `linkDelay.write` from now (after the handshake).
    func delay(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        let now = loop.now
        let from = delayLine.holdUntil > now ? delayLine.holdUntil : now
        delayLine.pending.append((from.addingSaturating(linkDelay.write), bytes))
        armDelayTimer()
    }

    /// Closes `linkDelay.close` from now, after the writes before it: until
    /// then nothing more is read, so bytes the peer sends meanwhile stay
    /// unread and the close resets the connection — what a request sent
    /// into a closing connection meets.
    func closeAfterDelay(style: BackendCloseStyle, reason: ConnectionEnd) {
        guard !isClosed, delayLine.close == nil else { return }
        delayLine.close = (style, reason, loop.now.addingSaturating(linkDelay.close))
        updateInterest()
        armDelayTimer()
    }

    private func armDelayTimer() {
        guard let due = delayLine.nextDue else { return }
        if let scheduled = delayLine.timerDue, scheduled <= due { return }
        delayLine.timerDue = due
        loop.schedule(at: due) { [weak self] in self?.delayTimerFired() }
    }

    private func delayTimerFired() {
        delayLine.timerDue = nil
        guard !isClosed else { return }
        let now = loop.now
        let due = delayLine.takeDue(now: now)
        if !due.isEmpty { sendNow(due) }
        if !isClosed, delayLine.isEmpty, let close = delayLine.close, close.at <= now, pendingOutputCount == 0 {
            end(close.reason, style: close.style)
            return
        }
        armDelayTimer()
    }
}
