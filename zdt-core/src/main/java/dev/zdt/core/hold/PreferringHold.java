package dev.zdt.core.hold;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * One hold of {@link HoldStrategies#preferring}: the load balancer's word first, then
 * each source's traffic. Remembers which sources kept it past the authority's release, so
 * that the release can say so.
 */
final class PreferringHold implements HoldEvaluator {

	private final HoldEvaluator authority;

	private final String authorityName;

	private final BooleanSupplier authorityAnswers;

	private final TrafficQuietStrategy traffic;

	private final Set<String> heldFor = new LinkedHashSet<>();

	PreferringHold(HoldEvaluator authority, String authorityName, BooleanSupplier authorityAnswers,
			TrafficQuietStrategy traffic) {
		this.authority = authority;
		this.authorityName = authorityName;
		this.authorityAnswers = authorityAnswers;
		this.traffic = traffic;
	}

	@Override
	public HoldDecision evaluate(HoldContext context) {
		HoldDecision authoritative = this.authority.evaluate(context);
		HoldDecision quiet = this.traffic.evaluate(context);
		Duration letGoAt = this.authority.letGoSeenAt();
		if (letGoAt == null) {
			return beforeLetGo(authoritative, quiet);
		}
		if (quiet.isRelease()) {
			return withDetail(quiet,
					this.authorityName + " saw the load balancer let go at " + TrafficQuietStrategy.seconds(letGoAt));
		}
		if (!authoritative.isRelease()) {
			return HoldDecision.keepHolding();
		}
		List<String> sending = this.traffic.sourcesSendingAfter(context, letGoAt);
		if (!sending.isEmpty()) {
			this.heldFor.addAll(sending);
			return HoldDecision.keepHolding();
		}
		String letGo = this.authorityName + " saw the load balancer let go at " + TrafficQuietStrategy.seconds(letGoAt);
		if (this.heldFor.isEmpty()) {
			return withDetail(authoritative,
					letGo + " and released; no source that sent after that still sends by its own window");
		}
		return HoldDecision.release(TrafficQuietStrategy.REASON,
				"source(s) " + this.heldFor + " sent after " + letGo + " and kept the hold past its release ("
						+ describe(authoritative) + "); each has been quiet for its own window since");
	}

	private HoldDecision beforeLetGo(HoldDecision authoritative, HoldDecision quiet) {
		// An authority that cannot tell when it let go decides alone, as it always did.
		if (authoritative.isRelease()) {
			return authoritative;
		}
		if (quiet.isRelease() && !this.authorityAnswers.getAsBoolean()) {
			return withDetail(quiet, this.authorityName + " does not answer");
		}
		return HoldDecision.keepHolding();
	}

	private static HoldDecision withDetail(HoldDecision release, String more) {
		String detail = (release.detail() != null) ? release.detail() + "; " + more : more;
		return HoldDecision.release(Objects.requireNonNull(release.releaseReason()), detail);
	}

	private static String describe(HoldDecision release) {
		return (release.detail() != null) ? release.releaseReason() + ": " + release.detail()
				: Objects.requireNonNull(release.releaseReason());
	}

	@Override
	public Map<String, Object> evidence(HoldContext context) {
		Map<String, Object> evidence = new LinkedHashMap<>(this.authority.evidence(context));
		evidence.putAll(this.traffic.evidence(context));
		evidence.put(this.authorityName + ".answers", this.authorityAnswers.getAsBoolean());
		Duration letGoAt = this.authority.letGoSeenAt();
		if (letGoAt != null) {
			evidence.put(this.authorityName + ".letGoSeenAtMs", letGoAt.toMillis());
			evidence.put("sourcesSendingAfterLetGo", this.traffic.sourcesSendingAfter(context, letGoAt));
		}
		return evidence;
	}

	@Override
	public @Nullable Duration letGoSeenAt() {
		return this.authority.letGoSeenAt();
	}

}
