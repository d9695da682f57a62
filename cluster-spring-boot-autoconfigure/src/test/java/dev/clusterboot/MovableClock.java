package dev.clusterboot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it.
 */
public final class MovableClock extends Clock {

	private volatile Instant now = Instant.EPOCH;

	public void advance(Duration duration) {
		synchronized (this) {
			this.now = this.now.plus(duration);
		}
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException();
	}

}
