package dev.zdt.core.hold;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HoldStrategiesTests {

	private final HoldContext context = new HoldContext(Duration.ofSeconds(1), 0, 0, Duration.ZERO, Duration.ZERO);

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
	void preferringNeverLetsTheFallbackReleaseWhileTheAuthorityAnswers() {
		AtomicBoolean answers = new AtomicBoolean(true);
		AtomicBoolean authorityReleases = new AtomicBoolean(false);
		HoldStrategy strategy = HoldStrategies.preferring(switchable("lb", authorityReleases), answers::get,
				switchable("traffic", true));
		HoldEvaluator hold = strategy.start(this.context);
		assertThat(hold.evaluate(this.context).isRelease()).isFalse();
		authorityReleases.set(true);
		assertThat(hold.evaluate(this.context).releaseReason()).isEqualTo("lb");
		assertThat(strategy.name()).isEqualTo("lb>traffic");
	}

	@Test
	void preferringLetsTheFallbackReleaseWhileTheAuthorityCannotAnswer() {
		AtomicBoolean answers = new AtomicBoolean(false);
		HoldStrategy strategy = HoldStrategies.preferring(switchable("lb", false), answers::get,
				switchable("traffic", true));
		HoldEvaluator hold = strategy.start(this.context);
		HoldDecision decision = hold.evaluate(this.context);
		assertThat(decision.releaseReason()).isEqualTo("traffic");
		assertThat(decision.detail()).isEqualTo("lb does not answer");
		answers.set(true);
		assertThat(hold.evaluate(this.context).isRelease()).isFalse();
	}

	@Test
	void preferringShowsWhetherTheAuthorityAnswers() {
		HoldStrategy strategy = HoldStrategies.preferring(switchable("lb", false), () -> false,
				switchable("traffic", true));
		HoldEvaluator hold = strategy.start(this.context);
		assertThat(hold.evidence(this.context)).containsEntry("lb.answers", false);
	}

	@Test
	void preferringAsksBothStrategiesAtEveryCheck() {
		AtomicInteger asked = new AtomicInteger();
		HoldStrategy counting = HoldStrategy.stateless("traffic", (context) -> {
			asked.incrementAndGet();
			return HoldDecision.keepHolding();
		});
		HoldStrategies.preferring(switchable("lb", true), () -> true, counting)
			.start(this.context)
			.evaluate(this.context);
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
