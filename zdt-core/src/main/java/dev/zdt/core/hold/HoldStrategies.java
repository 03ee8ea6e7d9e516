package dev.zdt.core.hold;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
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
	 * Returns a strategy that releases as soon as any of the given strategies releases,
	 * with that strategy's reason. Use it when each strategy is evidence enough on its
	 * own.
	 * @param strategies the strategies, asked in order
	 * @return the combined strategy
	 */
	public static HoldStrategy firstOf(HoldStrategy... strategies) {
		List<HoldStrategy> all = List.of(strategies);
		requireSome(all);
		return (all.size() == 1) ? all.get(0) : new FirstOf(all);
	}

	/**
	 * Returns a strategy that releases once every one of the given strategies has
	 * released at least once, with the reason of the last one to do so. Use it to demand
	 * confirmation, e.g. the load balancer reports the target draining <em>and</em> the
	 * traffic has gone quiet.
	 * @param strategies the strategies
	 * @return the combined strategy
	 */
	public static HoldStrategy allOf(HoldStrategy... strategies) {
		List<HoldStrategy> all = List.of(strategies);
		requireSome(all);
		return (all.size() == 1) ? all.get(0) : new AllOf(all);
	}

	/**
	 * Returns a strategy that follows an authority, the load balancer's own report on
	 * this instance, and weighs it against the traffic from each source (TCP peer: behind
	 * an ALB, its nodes, which let go one by one):
	 * <ul>
	 * <li>until the authority has seen the load balancer let go
	 * ({@link HoldEvaluator#letGoSeenAt()}), only the authority ends the hold, unless it
	 * cannot answer (its API fails or is unreachable): then the traffic decides;</li>
	 * <li>once it has, the traffic ends the hold as soon as it is quiet by its own rule
	 * (every source for its own window), even before the authority would;</li>
	 * <li>the authority's release (e.g. after a propagation margin) ends the hold unless
	 * a source's own evidence says it still sends: a request arrived from it after the
	 * load balancer was seen letting go, and the traffic's rule would not yet accept its
	 * silence. Then the hold waits until none does, within the maximum hold.</li>
	 * </ul>
	 * A request arriving during the hold is evidence that some load balancer node still
	 * routes; the authority's word is that they are about to stop. All are asked at every
	 * check.
	 * @param authority the strategy whose word decides when it can give one
	 * @param authorityAnswers whether the authority can answer now; asked after the
	 * authority has evaluated
	 * @param traffic the rule that judges the traffic's silences
	 * @return the combined strategy, named {@code authority>traffic}
	 */
	public static HoldStrategy preferring(HoldStrategy authority, BooleanSupplier authorityAnswers,
			TrafficQuietStrategy traffic) {
		return new Preferring(Objects.requireNonNull(authority, "authority"),
				Objects.requireNonNull(authorityAnswers, "authorityAnswers"),
				Objects.requireNonNull(traffic, "traffic"));
	}

	private static void requireSome(List<HoldStrategy> strategies) {
		if (strategies.isEmpty()) {
			throw new IllegalArgumentException("at least one strategy is required");
		}
	}

	private static String joinedName(List<HoldStrategy> strategies, String separator) {
		return strategies.stream().map(HoldStrategy::name).collect(Collectors.joining(separator));
	}

	private static List<HoldEvaluator> startAll(List<HoldStrategy> strategies, HoldContext context) {
		List<HoldEvaluator> evaluators = new ArrayList<>(strategies.size());
		for (HoldStrategy strategy : strategies) {
			evaluators
				.add(Objects.requireNonNull(strategy.start(context), () -> strategy.name() + " started no evaluator"));
		}
		return List.copyOf(evaluators);
	}

	private static Map<String, Object> mergedEvidence(List<HoldEvaluator> evaluators, HoldContext context) {
		Map<String, Object> evidence = new LinkedHashMap<>();
		for (HoldEvaluator evaluator : evaluators) {
			evidence.putAll(evaluator.evidence(context));
		}
		return evidence;
	}

	private record Preferring(HoldStrategy authority, BooleanSupplier authorityAnswers,
			TrafficQuietStrategy traffic) implements HoldStrategy {

		@Override
		public HoldEvaluator start(HoldContext context) {
			HoldEvaluator authority = Objects.requireNonNull(this.authority.start(context),
					() -> this.authority.name() + " started no evaluator");
			return new PreferringHold(authority, this.authority.name(), this.authorityAnswers, this.traffic);
		}

		@Override
		public String name() {
			return this.authority.name() + ">" + this.traffic.name();
		}

	}

	private record FirstOf(List<HoldStrategy> strategies) implements HoldStrategy {

		@Override
		public HoldEvaluator start(HoldContext context) {
			List<HoldEvaluator> evaluators = startAll(this.strategies, context);
			return new HoldEvaluator() {

				@Override
				public HoldDecision evaluate(HoldContext context) {
					for (HoldEvaluator evaluator : evaluators) {
						HoldDecision decision = evaluator.evaluate(context);
						if (decision.isRelease()) {
							return decision;
						}
					}
					return HoldDecision.keepHolding();
				}

				@Override
				public Map<String, Object> evidence(HoldContext context) {
					return mergedEvidence(evaluators, context);
				}

			};
		}

		@Override
		public String name() {
			return joinedName(this.strategies, "|");
		}

	}

	private record AllOf(List<HoldStrategy> strategies) implements HoldStrategy {

		@Override
		public HoldEvaluator start(HoldContext context) {
			return new AllOfHold(startAll(this.strategies, context));
		}

		@Override
		public String name() {
			return joinedName(this.strategies, "+");
		}

	}

	/**
	 * One hold of {@link AllOf}: remembers which evaluators have released in this hold.
	 */
	private static final class AllOfHold implements HoldEvaluator {

		private final List<HoldEvaluator> all;

		private final List<HoldEvaluator> pending;

		AllOfHold(List<HoldEvaluator> evaluators) {
			this.all = evaluators;
			this.pending = new ArrayList<>(evaluators);
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
		public Map<String, Object> evidence(HoldContext context) {
			return mergedEvidence(this.all, context);
		}

	}

}
