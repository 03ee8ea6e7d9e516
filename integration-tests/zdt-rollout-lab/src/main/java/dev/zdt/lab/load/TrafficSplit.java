package dev.zdt.lab.load;

import java.util.List;

/**
 * How the client traffic spreads over the nodes of the load balancer: each request goes
 * to node {@code k} with a probability proportional to its weight, as DNS and clients
 * spread the traffic of an ALB unevenly over its zones' nodes.
 *
 * @param nodes the nodes, in order
 * @author zdt
 */
public record TrafficSplit(List<Node> nodes) {

	/**
	 * Check the split.
	 * @param nodes the nodes, in order
	 */
	public TrafficSplit {
		nodes = List.copyOf(nodes);
		if (nodes.isEmpty()) {
			throw new IllegalArgumentException("A traffic split needs at least one node");
		}
	}

	/**
	 * Return a split that sends everything to one port.
	 * @param port the load balancer port
	 * @return the split
	 */
	public static TrafficSplit single(int port) {
		return new TrafficSplit(List.of(new Node("lb", port, 1)));
	}

	/**
	 * Return whether there is more than one node.
	 * @return whether requests are split
	 */
	public boolean multiple() {
		return this.nodes.size() > 1;
	}

	/**
	 * Pick the node of a request.
	 * @param uniform a number drawn uniformly from {@code [0, 1)}
	 * @return the node's index
	 */
	public int pick(double uniform) {
		double total = this.nodes.stream().mapToDouble(Node::weight).sum();
		double point = uniform * total;
		for (int i = 0; i < this.nodes.size(); i++) {
			point -= this.nodes.get(i).weight();
			if (point < 0) {
				return i;
			}
		}
		return this.nodes.size() - 1;
	}

	/**
	 * A load balancer node as the clients see it.
	 *
	 * @param name the node's name
	 * @param port the node's frontend port
	 * @param weight its share of the requests (any positive scale)
	 */
	public record Node(String name, int port, double weight) {

		/**
		 * Check the node.
		 * @param name the node's name
		 * @param port the node's frontend port
		 * @param weight its share of the requests
		 */
		public Node {
			if (!(weight > 0)) {
				throw new IllegalArgumentException("The weight of " + name + " must be positive, was " + weight);
			}
		}

	}

}
