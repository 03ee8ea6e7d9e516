package dev.zdt.core.hold;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.zdt.core.traffic.TrafficHistory;
import org.jspecify.annotations.Nullable;

/**
 * Releases when the application's own traffic has been silent long enough that the
 * silence is strong evidence the load balancer has stopped routing to this instance:
 * longer than chance allows under the rate <em>and</em> clearly longer than the silences
 * the same traffic showed before the drain. The reasoning, with its probabilities, is in
 * {@code docs/traffic-evidence.md}; in short, the required silence is the longest of
 * three:
 * <ol>
 * <li><b>minimum quiet</b>: {@code minQuiet}, never less;</li>
 * <li><b>Poisson</b>: {@code ln(1/p) / λ}, the silence that requests arriving at random
 * at rate λ leave with probability {@code p} ({@code falseReleaseProbability}). λ is the
 * lowest of the mean rate before the drain, the {@linkplain TrafficHistory#steadyRate()
 * steady rate} (the lower median of 5-second blocks, which one burst cannot inflate) and
 * the rate seen during the hold;</li>
 * <li><b>history</b>: {@code G · ln(1/p) / ln(n)}, where G is the longest silence of the
 * last five minutes before the drain (or one that ended during the hold) and n the number
 * of seconds with traffic in them. If silences have an exponential tail of scale θ, the
 * longest of n is about θ·ln(n), and a silence of that length has probability
 * n<sup>−T/G</sup> = p. The factor is at least 2.4 with the default p, since five minutes
 * hold at most 300 busy seconds.</li>
 * </ol>
 * With fewer than two busy seconds before the drain, or no traffic, there is nothing to
 * judge by: the strategy keeps holding and says why, so that the maximum hold (or the
 * load balancer's own word) decides.
 * <p>
 * When the requests' sources (TCP peers: behind an ALB, its nodes, which let go one by
 * one) are known, the hold also waits until every source has been quiet for its own
 * window, judged by the same rule on its own history; a source with too little history of
 * its own, or first seen during the hold, must be quiet for the window of all traffic.
 * <p>
 * Everything it weighs is in the {@link HoldContext}, so it keeps no state and judges
 * every hold itself.
 *
 * @since 0.1.0
 */
public final class TrafficQuietStrategy implements HoldStrategy, HoldEvaluator {

	/**
	 * The release reason of this strategy: the evidence, not the strategy's
	 * {@linkplain #name() name} ({@code adaptive}), because the {@code auto} strategy
	 * ends holds on the same evidence and reports the same reason.
	 */
	public static final String REASON = "traffic-quiet";

	/**
	 * The default chance of mistaking a random gap in traffic for the load balancer
	 * letting go.
	 */
	public static final double DEFAULT_FALSE_RELEASE_PROBABILITY = 1e-6;

	/** The rule when the minimum quiet period sets the required silence. */
	public static final String MIN_QUIET = "min-quiet";

	/** The rule when the rate sets the required silence. */
	public static final String POISSON = "poisson";

	/** The rule when the silences before the drain set the required silence. */
	public static final String HISTORY = "history";

	/** Why there is no verdict: no traffic to judge by. */
	public static final String NO_TRAFFIC = "no-traffic";

	/** Why there is no verdict: too few seconds with traffic before the drain. */
	public static final String HISTORY_TOO_SHORT = "history-too-short";

	/** Why there is no verdict: the required silence would be longer than a day. */
	public static final String TOO_IRREGULAR = "too-irregular";

	/**
	 * The name under which all traffic is judged as one source when the sources are
	 * unknown.
	 */
	static final String ALL_TRAFFIC = "all traffic";

	private static final double SECOND = 1e9;

	private final Duration minQuiet;

	private final double silenceRateProduct;

	/**
	 * Creates a strategy.
	 * @param minQuiet the shortest silence that ever ends the hold
	 * @param falseReleaseProbability the accepted chance that the silence is a random gap
	 * in traffic, between 0 and 1 exclusive
	 */
	public TrafficQuietStrategy(Duration minQuiet, double falseReleaseProbability) {
		this.minQuiet = Objects.requireNonNull(minQuiet, "minQuiet");
		if (!(falseReleaseProbability > 0 && falseReleaseProbability < 1)) {
			throw new IllegalArgumentException("falseReleaseProbability must be between 0 and 1 exclusive");
		}
		this.silenceRateProduct = -Math.log(falseReleaseProbability);
	}

	@Override
	public HoldEvaluator start(HoldContext context) {
		return this;
	}

	@Override
	public HoldDecision evaluate(HoldContext context) {
		Verdict verdict = judge(context);
		Duration required = verdict.requiredQuiet();
		if (required == null || context.quietFor().compareTo(required) < 0
				|| !sourcesStillSending(context, required).isEmpty()) {
			return HoldDecision.keepHolding();
		}
		String sources = context.sources().isEmpty() ? ""
				: "; each of " + context.sources().size() + " source(s) quiet for its own window";
		return HoldDecision.release(REASON, String.format(Locale.ROOT, "rule=%s: silence %s >= required %s; %s%s",
				verdict.rule(), seconds(context.quietFor()), seconds(required), verdict.basis(), sources));
	}

	/**
	 * Returns the sources that have not yet been quiet for their own window: the silence
	 * their own history requires, or, for a source without a verdict of its own (too
	 * little traffic, or first seen during the hold), the window of all traffic.
	 * @param context the hold context
	 * @param requiredOfAll the silence all traffic requires, or {@code null} when unknown
	 * @return the addresses of the sources still sending
	 */
	private List<String> sourcesStillSending(HoldContext context, @Nullable Duration requiredOfAll) {
		List<String> sending = new ArrayList<>();
		context.sources().forEach((address, source) -> {
			if (!quietForItsWindow(source, requiredOfAll)) {
				sending.add(address);
			}
		});
		return sending;
	}

	/**
	 * Returns the sources whose own evidence says they still send: those that sent after
	 * the given time of the hold and have not been quiet since for their own window (the
	 * window of all traffic for one with too little history of its own; with no window at
	 * all, a source that sent then counts as sending). When the sources are unknown, all
	 * traffic is judged as one source, named {@value #ALL_TRAFFIC}.
	 * @param context the hold context
	 * @param after the time of the hold, e.g. when the load balancer was seen letting go
	 * @return the addresses of the sources still sending
	 */
	List<String> sourcesSendingAfter(HoldContext context, Duration after) {
		Duration requiredOfAll = judge(context).requiredQuiet();
		Map<String, HoldContext> sources = context.sources().isEmpty() ? Map.of(ALL_TRAFFIC, context)
				: context.sources();
		List<String> sending = new ArrayList<>();
		sources.forEach((address, source) -> {
			if (source.trafficSpan().compareTo(after) > 0 && !quietForItsWindow(source, requiredOfAll)) {
				sending.add(address);
			}
		});
		return sending;
	}

	private boolean quietForItsWindow(HoldContext source, @Nullable Duration requiredOfAll) {
		Duration own = judge(source).requiredQuiet();
		Duration window = (own != null) ? own : requiredOfAll;
		return (window != null) ? source.quietFor().compareTo(window) >= 0 : source.trafficSpan().isZero();
	}

	/**
	 * Returns the silence that would end the hold in the given context.
	 * @param context the hold context
	 * @return the required silence, or {@code null} when there is nothing to judge by
	 */
	@Nullable Duration requiredQuiet(HoldContext context) {
		return judge(context).requiredQuiet();
	}

	/**
	 * Weighs the evidence: the required silence and the rule that sets it, or why there
	 * is none.
	 * @param context the hold context
	 * @return the verdict
	 */
	Verdict judge(HoldContext context) {
		TrafficHistory history = context.history();
		double rate = conservativeRate(context);
		if (!(rate > 0)) {
			return Verdict.none(NO_TRAFFIC, "no application traffic to judge by");
		}
		if (history.busySeconds() < 2) {
			return Verdict.none(HISTORY_TOO_SHORT, "traffic in " + history.busySeconds()
					+ " second(s) before the drain: too little to tell a silence " + "from a pause");
		}
		double poisson = this.silenceRateProduct / rate;
		double factor = Math.max(1, this.silenceRateProduct / Math.log(history.busySeconds()));
		double fromHistory = factor * history.longestSilence().toNanos() / SECOND;
		double floor = this.minQuiet.toNanos() / SECOND;
		String basis = String.format(Locale.ROOT,
				"rate %.2f req/s, longest silence %s in %d busy seconds over %s (history factor %.2f)", rate,
				seconds(history.longestSilence()), history.busySeconds(), seconds(history.observed()), factor);
		double required = Math.max(floor, Math.max(poisson, fromHistory));
		if (required > Duration.ofDays(1).toSeconds()) {
			return Verdict.none(TOO_IRREGULAR, basis);
		}
		String rule = (required == floor) ? MIN_QUIET : (required == poisson) ? POISSON : HISTORY;
		// Rounded up to the millisecond, so that what the status shows is what ends the
		// hold.
		return new Verdict(Duration.ofMillis((long) Math.ceil(required * 1000)), rule, basis);
	}

	private double conservativeRate(HoldContext context) {
		double rate = context.rateBeforeDrain();
		if (context.history().busySeconds() > 0) {
			rate = Math.min(rate, context.history().steadyRate());
		}
		long during = context.requestsSinceDrainStart();
		if (during >= 2 && !context.trafficSpan().isZero()) {
			double rateDuring = during / (context.trafficSpan().toNanos() / SECOND);
			rate = Math.min(rate, rateDuring);
		}
		return rate;
	}

	@Override
	public Map<String, Object> evidence(HoldContext context) {
		Verdict verdict = judge(context);
		Map<String, Object> evidence = new LinkedHashMap<>();
		Duration required = verdict.requiredQuiet();
		if (required != null) {
			evidence.put("requiredSilenceMs", required.toMillis());
		}
		evidence.put("rule", verdict.rule());
		evidence.put("silenceMs", context.quietFor().toMillis());
		evidence.put("longestSilenceBeforeDrainMs", context.history().longestSilence().toMillis());
		evidence.put("busySecondsBeforeDrain", context.history().busySeconds());
		evidence.put("steadyRate", Math.round(context.history().steadyRate() * 100) / 100.0);
		evidence.put("basis", verdict.basis());
		if (!context.sources().isEmpty()) {
			evidence.put("sources", context.sources().size());
			evidence.put("sourcesStillSending", sourcesStillSending(context, required));
		}
		return evidence;
	}

	static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.3fs", duration.toNanos() / SECOND);
	}

	@Override
	public String name() {
		return "adaptive";
	}

	/**
	 * What the traffic says at one moment of the hold.
	 *
	 * @param requiredQuiet the silence that ends the hold, or {@code null} when the
	 * traffic cannot tell
	 * @param rule the rule that sets the required silence ({@value #MIN_QUIET},
	 * {@value #POISSON}, {@value #HISTORY}), or why there is none ({@value #NO_TRAFFIC},
	 * {@value #HISTORY_TOO_SHORT}, {@value #TOO_IRREGULAR})
	 * @param basis the numbers behind it, for people
	 */
	record Verdict(@Nullable Duration requiredQuiet, String rule, String basis) {

		static Verdict none(String rule, String basis) {
			return new Verdict(null, rule, basis);
		}

	}

}
