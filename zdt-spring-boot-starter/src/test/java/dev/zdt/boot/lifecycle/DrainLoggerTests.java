package dev.zdt.boot.lifecycle;

import java.time.Duration;

import dev.zdt.core.DrainResult;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.hold.HoldOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DrainLoggerTests {

	@Test
	void holdEndedNamesTheRuleThatReleased(CapturedOutput output) {
		HoldOutcome outcome = new HoldOutcome("traffic-quiet", Duration.ofMillis(18_600), 2700,
				"rule=history: silence 6.100s >= required 6.045s");
		new DrainLogger(false).holdEnded(new DrainResult(DrainTrigger.ENDPOINT, "adaptive", outcome));
		assertThat(output).contains("zdt: hold ended (reason=traffic-quiet, held=18.600s, requests during hold=2700, "
				+ "rule=history: silence 6.100s >= required 6.045s)");
	}

	@Test
	void holdEndedWithoutARuleSaysOnlyTheReason(CapturedOutput output) {
		HoldOutcome outcome = new HoldOutcome("max-hold", Duration.ofSeconds(30), 5);
		new DrainLogger(false).holdEnded(new DrainResult(DrainTrigger.ENDPOINT, "adaptive", outcome));
		assertThat(output).contains("zdt: hold ended (reason=max-hold, held=30.000s, requests during hold=5)");
	}

}
