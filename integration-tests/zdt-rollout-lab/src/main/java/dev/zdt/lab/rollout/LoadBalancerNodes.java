package dev.zdt.lab.rollout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The nodes of the load balancer: an ALB has one in every availability zone, each reaches
 * the targets from its own address and stops routing to a draining target on its own
 * schedule. Node {@code k} (from 0) gets {@code weights[k]} of the client traffic,
 * reaches the pods from {@code 127.0.0.(k + 2)} when there are several nodes, and stops
 * routing to a deleted pod {@code extraLags[k]} after the target turned {@code draining}.
 *
 * @param weights the share of the client traffic of each node (any positive scale, e.g.
 * 99 and 1)
 * @param extraLags how long after {@code draining} each node stops routing
 * @author zdt
 */
public record LoadBalancerNodes(List<Double> weights, List<LagRange> extraLags) {

	private static final LagRange NO_LAG = LagRange.parse("0");

	/**
	 * Check the layout.
	 * @param weights the share of the client traffic of each node
	 * @param extraLags how long after {@code draining} each node stops routing
	 */
	public LoadBalancerNodes {
		weights = List.copyOf(weights);
		extraLags = List.copyOf(extraLags);
		if (weights.isEmpty() || weights.size() != extraLags.size()) {
			throw new IllegalArgumentException("--node-split and --node-lag need one value per LB node, found "
					+ weights.size() + " and " + extraLags.size());
		}
		if (weights.size() > 250) {
			throw new IllegalArgumentException("--lb-nodes must be at most 250 (one loopback address each)");
		}
		if (weights.stream().anyMatch((weight) -> !(weight > 0))) {
			throw new IllegalArgumentException("--node-split must be positive numbers, was " + weights);
		}
	}

	/**
	 * Return the lab's classic load balancer: one node, every request, no extra lag.
	 * @return a single node
	 */
	public static LoadBalancerNodes single() {
		return new LoadBalancerNodes(List.of(1.0), List.of(NO_LAG));
	}

	/**
	 * Parse the command line's layout: {@code --lb-nodes 2 --node-split 99:1
	 * --node-lag 0,6-10}. An empty split shares the traffic evenly, an empty lag list
	 * stops every node at {@code draining}.
	 * @param count the number of nodes ({@code --lb-nodes})
	 * @param split the weights separated by {@code :} ({@code --node-split})
	 * @param lags the extra lag ranges in seconds separated by {@code ,}
	 * ({@code --node-lag})
	 * @return the layout
	 */
	public static LoadBalancerNodes parse(int count, String split, String lags) {
		if (count < 1) {
			throw new IllegalArgumentException("--lb-nodes must be at least 1, was " + count);
		}
		List<Double> weights = new ArrayList<>();
		if (split.isBlank()) {
			for (int i = 0; i < count; i++) {
				weights.add(1.0);
			}
		}
		else {
			for (String weight : split.split(":")) {
				try {
					weights.add(Double.parseDouble(weight.trim()));
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("--node-split must be numbers separated by ':', was " + split);
				}
			}
		}
		List<LagRange> extraLags = new ArrayList<>();
		if (lags.isBlank()) {
			for (int i = 0; i < count; i++) {
				extraLags.add(NO_LAG);
			}
		}
		else {
			for (String lag : lags.split(",")) {
				try {
					extraLags.add(LagRange.parse(lag));
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException(
							"--node-lag must be seconds or ranges (6-10) separated by ',', was " + lags);
				}
			}
		}
		if (weights.size() != count || extraLags.size() != count) {
			throw new IllegalArgumentException("--lb-nodes %d needs %d values in --node-split (%s) and --node-lag (%s)"
				.formatted(count, count, split, lags));
		}
		return new LoadBalancerNodes(weights, extraLags);
	}

	/**
	 * Return the number of nodes.
	 * @return the count
	 */
	public int count() {
		return this.weights.size();
	}

	/**
	 * Return whether there is more than one node.
	 * @return whether this is a multi-node layout
	 */
	public boolean multiple() {
		return count() > 1;
	}

	/**
	 * Return a node's name.
	 * @param node the node's index, from 0
	 * @return e.g. {@code lb-node-1}
	 */
	public String name(int node) {
		return "lb-node-" + (node + 1);
	}

	/**
	 * Return the address a node reaches the pods from: each node of several its own
	 * loopback address (127.0.0.2, 127.0.0.3, ...), a single node the system's choice.
	 * @param node the node's index, from 0
	 * @return the address, or {@code null} for a single node
	 */
	public @Nullable String sourceAddress(int node) {
		return multiple() ? "127.0.0." + (node + 2) : null;
	}

	/**
	 * Draw how long after {@code draining} each node stops routing to a target.
	 * @param random the source of randomness
	 * @return one lag per node
	 */
	public List<Duration> drawExtraLags(Random random) {
		return this.extraLags.stream().map((lag) -> lag.draw(random)).toList();
	}

	/**
	 * Return the split as the command line writes it.
	 * @return e.g. {@code 99:1}
	 */
	public String splitLabel() {
		return this.weights.stream().map(LoadBalancerNodes::number).collect(Collectors.joining(":"));
	}

	/**
	 * Return the extra lags as a label.
	 * @return e.g. {@code +0 / +6–10 s}
	 */
	public String lagLabel() {
		return this.extraLags.stream().map(LoadBalancerNodes::extra).collect(Collectors.joining(" / ")) + " s";
	}

	private static String extra(LagRange lag) {
		String label = lag.label().replace(" s", "");
		String[] ends = label.split("–");
		return "+" + (ends[0].equals(ends[1]) ? ends[0] : label);
	}

	/**
	 * Return a short description for summaries and tables.
	 * @return e.g. {@code 2 LB nodes (split 99:1, stop +0 / +6–10 s after draining)}
	 */
	public String describe() {
		return "%d LB nodes (split %s, stop %s after draining)".formatted(count(), splitLabel(), lagLabel());
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%s", value);
	}

}
