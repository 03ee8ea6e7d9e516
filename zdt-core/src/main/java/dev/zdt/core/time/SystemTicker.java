package dev.zdt.core.time;

import java.time.Duration;

enum SystemTicker implements Ticker {

	INSTANCE;

	@Override
	public long nanos() {
		return System.nanoTime();
	}

	@Override
	public void sleep(Duration duration) throws InterruptedException {
		if (!duration.isNegative() && !duration.isZero()) {
			Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
		}
	}

}
