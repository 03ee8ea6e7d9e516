package dev.zdt.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightWaitCapTests {

	@Test
	void deregistrationDelayLeftAfterTheHoldCapsTheInFlightWait() {
		InFlightWaitCap cap = new InFlightWaitCap(() -> null, 0, Duration.ofSeconds(30), () -> Duration.ofSeconds(40));
		assertThat(cap.cap(Duration.ofSeconds(25))).isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void aLongDeregistrationDelayLeavesTheShutdownTimeoutAlone() {
		InFlightWaitCap cap = new InFlightWaitCap(() -> null, 0, Duration.ofSeconds(30), () -> Duration.ofSeconds(300));
		assertThat(cap.cap(Duration.ofSeconds(25))).isNull();
	}

	@Test
	void anExpiredDeregistrationDelayLeavesNoWait() {
		InFlightWaitCap cap = new InFlightWaitCap(() -> null, 0, Duration.ofSeconds(30), () -> Duration.ofSeconds(10));
		assertThat(cap.cap(Duration.ofSeconds(25))).isEqualTo(Duration.ZERO);
	}

	@Test
	void unknownDeregistrationDelayLeavesTheShutdownTimeoutAlone() {
		InFlightWaitCap cap = new InFlightWaitCap(() -> null, 0, Duration.ofSeconds(30), () -> null);
		assertThat(cap.cap(Duration.ofSeconds(25))).isNull();
	}

}
