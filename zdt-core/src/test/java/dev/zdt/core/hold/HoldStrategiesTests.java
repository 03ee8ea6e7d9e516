package dev.zdt.core.hold;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zdt.core.traffic.TrafficHistory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HoldStrategiesTests {

	private final HoldContext context = new HoldContext(Duration.ofSeconds(1), 0, 0, Duration.ZERO, Duration.ZERO);

	private final TrafficQuietStrategy traffic = new TrafficQuietStrategy(Duration.ofSeconds(1), 1e-6);

	// Busy traffic, quiet for 2 s: the traffic's rule (1 s of silence) accepts it.
	private final HoldContext quiet = new HoldContext(Duration.ofSeconds(3), 600, 600, Duration.ofSeconds(1),
			Duration.ofSeconds(2), new TrafficHistory(Duration.ofMinutes(5), Duration.ofMillis(50), 300, 600));

	@Test
	void firstOfReleasesWithTheReasonOfTheFirstStrategyThatReleases() {
		HoldStrategy strategy = HoldStrategies.firstOf(switchable("a", false), switchable("b", true));
		HoldEvaluator hold = strategy.start(this.context);
		assertThat(hold.evaluate(this.context).releaseReason()).isEqualTo("b");
		assertThat(strategy.name()).isEqualTo("a|b");
	}

	@Test
	void firstOfKeepsHoldingWhileNoStrategyReleases() {
		HoldStrategy strategy = HoldStrategies.firstOf(switchable("a", false), switchable("b", false));
		HoldEvaluator hold = strategy.start(this.context);
		assertThat(hold.evaluate(this.context).isRelease()).isFalse();
	}

	@Test
	void allOfReleasesOnlyOnceEveryStrategyHasReleasedEvenIfAtDifferentTimes() {
		AtomicBoolean first = new AtomicBoolean(true);
		AtomicBoolean second = new AtomicBoolean(false);
		HoldStrategy strategy = HoldStrategies.allOf(switchable("a", first), switchable("b", second));
		HoldEvaluator hold = strategy.start(this.context);
		assertThat(hold.evaluate(this.context).isRelease()).isFalse();
		first.set(false);
		second.set(true);
		assertThat(hold.evaluate(this.context).releaseReason()).isEqualTo("b");
		assertThat(strategy.name()).isEqualTo("a+b");
	}

	@Test
	void allOfStartsEveryHoldAfreshSoAReleaseInOneHoldDoesNotCountInTheNext() {
		AtomicBoolean first = new AtomicBoolean(true);
		AtomicBoolean second = new AtomicBoolean(false);
		HoldStrategy strategy = HoldStrategies.allOf(switchable("a", first), switchable("b", second));
		assertThat(strategy.start(this.context).evaluate(this.context).isRelease()).isFalse();
		first.set(false);
		second.set(true);
		assertThat(strategy.start(this.context).evaluate(this.context).isRelease()).isFalse();
	}

	@Test
	void preferringNeverLetsTheTrafficReleaseBeforeTheAuthorityWhileTheAuthorityAnswers() {
		AtomicBoolean answers = new AtomicBoolean(true);
		AtomicBoolean authorityReleases = new AtomicBoolean(false);
		HoldStrategy strategy = HoldStrategies.preferring(switchable("lb", authorityReleases), answers::get,
				this.traffic);
		HoldEvaluator hold = strategy.start(this.quiet);
		assertThat(hold.evaluate(this.quiet).isRelease()).isFalse();
		authorityReleases.set(true);
		assertThat(hold.evaluate(this.quiet).releaseReason()).isEqualTo("lb");
		assertThat(strategy.name()).isEqualTo("lb>adaptive");
	}

	@Test
	void preferringLetsTheTrafficReleaseWhileTheAuthorityCannotAnswer() {
		AtomicBoolean answers = new AtomicBoolean(false);
		HoldStrategy strategy = HoldStrategies.preferring(switchable("lb", false), answers::get, this.traffic);
		HoldEvaluator hold = strategy.start(this.quiet);
		HoldDecision decision = hold.evaluate(this.quiet);
		assertThat(decision.releaseReason()).isEqualTo(TrafficQuietStrategy.REASON);
		assertThat(decision.detail()).endsWith("; lb does not answer");
		answers.set(true);
		assertThat(hold.evaluate(this.quiet).isRelease()).isFalse();
	}

	@Test
	void preferringShowsWhetherTheAuthorityAnswers() {
		HoldStrategy strategy = HoldStrategies.preferring(switchable("lb", false), () -> false, this.traffic);
		HoldEvaluator hold = strategy.start(this.quiet);
		assertThat(hold.evidence(this.quiet)).containsEntry("lb.answers", false);
	}

	@Test
	void preferringAsksTheAuthorityAtEveryCheckEvenWhenTheTrafficReleases() {
		AtomicInteger asked = new AtomicInteger();
		HoldStrategy counting = HoldStrategy.stateless("lb", (context) -> {
			asked.incrementAndGet();
			return HoldDecision.keepHolding();
		});
		HoldStrategies.preferring(counting, () -> false, this.traffic).start(this.quiet).evaluate(this.quiet);
		assertThat(asked).hasValue(1);
	}

	@Test
	void aSingleStrategyIsReturnedAsItIs() {
		HoldStrategy only = switchable("a", true);
		assertThat(HoldStrategies.firstOf(only)).isSameAs(only);
		assertThat(HoldStrategies.allOf(only)).isSameAs(only);
	}

	private static HoldStrategy switchable(String name, boolean release) {
		return switchable(name, new AtomicBoolean(release));
	}

	private static HoldStrategy switchable(String name, AtomicBoolean release) {
		return HoldStrategy.stateless(name,
				(context) -> release.get() ? HoldDecision.release(name) : HoldDecision.keepHolding());
	}

}
