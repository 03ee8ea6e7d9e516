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
	 * Returns a strategy that follows an authority, such as the load balancer's own
	 * report on this instance, and lets the fallback release only while the authority
	 * cannot answer (its API fails or is unreachable). Where the authority answers, the
	 * fallback's evidence never ends the hold before the authority does: a silence in the
	 * traffic is weaker evidence than the load balancer's word. Both are asked at every
	 * check.
	 * @param authority the strategy whose word decides when it can give one
	 * @param authorityAnswers whether the authority can answer now; asked after the
	 * authority has evaluated
	 * @param fallback the strategy that decides while the authority cannot answer
	 * @return the combined strategy, named {@code authority>fallback}
	 */
	public static HoldStrategy preferring(HoldStrategy authority, BooleanSupplier authorityAnswers,
			HoldStrategy fallback) {
		return new Preferring(Objects.requireNonNull(authority, "authority"),
				Objects.requireNonNull(authorityAnswers, "authorityAnswers"),
				Objects.requireNonNull(fallback, "fallback"));
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
			HoldStrategy fallback) implements HoldStrategy {

		@Override
		public HoldEvaluator start(HoldContext context) {
			HoldEvaluator authority = this.authority.start(context);
			HoldEvaluator fallback = this.fallback.start(context);
			String authorityName = this.authority.name();
			return new HoldEvaluator() {

				@Override
				public HoldDecision evaluate(HoldContext context) {
					HoldDecision authoritative = authority.evaluate(context);
					HoldDecision fallen = fallback.evaluate(context);
					if (authoritative.isRelease()) {
						return authoritative;
					}
					if (fallen.isRelease() && !authorityAnswers().getAsBoolean()) {
						String detail = ((fallen.detail() != null) ? fallen.detail() + "; " : "") + authorityName
								+ " does not answer";
						return HoldDecision.release(Objects.requireNonNull(fallen.releaseReason()), detail);
					}
					return HoldDecision.keepHolding();
				}

				@Override
				public Map<String, Object> evidence(HoldContext context) {
					Map<String, Object> evidence = mergedEvidence(List.of(authority, fallback), context);
					evidence.put(authorityName + ".answers", authorityAnswers().getAsBoolean());
					return evidence;
				}

			};
		}

		@Override
		public String name() {
			return this.authority.name() + ">" + this.fallback.name();
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
