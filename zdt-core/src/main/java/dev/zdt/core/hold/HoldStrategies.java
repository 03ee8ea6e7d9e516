package dev.zdt.core.hold;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Ways to combine hold strategies.
 *
 * @since 0.1.0
 */
public final class HoldStrategies {

	private HoldStrategies() {
	}

	/**
	 * Returns a strategy that releases as soon as any of the given strategies releases, with that
	 * strategy's reason. Use it when each strategy is evidence enough on its own.
	 * @param strategies the strategies, asked in order
	 * @return the combined strategy
	 */
	public static HoldStrategy firstOf(HoldStrategy... strategies) {
		List<HoldStrategy> all = List.of(strategies);
		requireSome(all);
		return (all.size() == 1) ? all.get(0) : new FirstOf(all);
	}

	/**
	 * Returns a strategy that releases once every one of the given strategies has released at
	 * least once, with the reason of the last one to do so. Use it to demand confirmation, e.g.
	 * the load balancer reports the target draining <em>and</em> the traffic has gone quiet.
	 * @param strategies the strategies
	 * @return the combined strategy
	 */
	public static HoldStrategy allOf(HoldStrategy... strategies) {
		List<HoldStrategy> all = List.of(strategies);
		requireSome(all);
		return (all.size() == 1) ? all.get(0) : new AllOf(all);
	}

	private static void requireSome(List<HoldStrategy> strategies) {
		if (strategies.isEmpty()) {
			throw new IllegalArgumentException("at least one strategy is required");
		}
	}

	private static String joinedName(List<HoldStrategy> strategies, String separator) {
		return strategies.stream().map(HoldStrategy::name).collect(Collectors.joining(separator));
	}

	private record FirstOf(List<HoldStrategy> strategies) implements HoldStrategy {

		@Override
		public HoldDecision evaluate(HoldContext context) {
			for (HoldStrategy strategy : this.strategies) {
				HoldDecision decision = strategy.evaluate(context);
				if (decision.isRelease()) {
					return decision;
				}
			}
			return HoldDecision.keepHolding();
		}

		@Override
		public String name() {
			return joinedName(this.strategies, "|");
		}

	}

	private static final class AllOf implements HoldStrategy {

		private final List<HoldStrategy> pending;

		private final String name;

		AllOf(List<HoldStrategy> strategies) {
			this.pending = new ArrayList<>(strategies);
			this.name = joinedName(strategies, "+");
		}

		@Override
		public HoldDecision evaluate(HoldContext context) {
			HoldDecision last = HoldDecision.keepHolding();
			for (var iterator = this.pending.iterator(); iterator.hasNext();) {
				HoldDecision decision = iterator.next().evaluate(context);
				if (decision.isRelease()) {
					iterator.remove();
					last = decision;
				}
			}
			return this.pending.isEmpty() ? last : HoldDecision.keepHolding();
		}

		@Override
		public String name() {
			return this.name;
		}

	}

}
