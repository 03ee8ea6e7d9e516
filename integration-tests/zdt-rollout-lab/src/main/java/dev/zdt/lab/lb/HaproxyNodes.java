package dev.zdt.lab.lb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The HAProxy processes of a load balancer with one or more nodes, each with its own
 * frontend and its own source address toward the targets. A single node keeps the classic
 * layout (files directly in the run's directory); several nodes each get a directory
 * named after the node.
 *
 * @author zdt
 */
public final class HaproxyNodes implements AutoCloseable {

	private final List<String> names;

	private final List<Haproxy> nodes;

	private HaproxyNodes(List<String> names, List<Haproxy> nodes) {
		this.names = names;
		this.nodes = nodes;
	}

	/**
	 * Start one HAProxy per node.
	 * @param directory the run's directory
	 * @param healthCheck the health check of the targets
	 * @param names the nodes' names
	 * @param sources each node's source address toward the targets ({@code null} for the
	 * system's choice)
	 * @return the running nodes
	 */
	public static HaproxyNodes start(Path directory, HealthCheck healthCheck, List<String> names,
			List<@Nullable String> sources) {
		List<Haproxy> nodes = new ArrayList<>();
		try {
			for (int i = 0; i < names.size(); i++) {
				Path nodeDirectory = (names.size() == 1) ? directory : directory.resolve(names.get(i));
				nodes.add(Haproxy.start(nodeDirectory, healthCheck, sources.get(i)));
			}
			return new HaproxyNodes(List.copyOf(names), List.copyOf(nodes));
		}
		catch (RuntimeException ex) {
			nodes.forEach(Haproxy::close);
			throw ex;
		}
	}

	/**
	 * Return the nodes' names.
	 * @return the names, in node order
	 */
	public List<String> names() {
		return this.names;
	}

	/**
	 * Return the nodes.
	 * @return the HAProxy processes, in node order
	 */
	public List<Haproxy> nodes() {
		return this.nodes;
	}

	/**
	 * Return the abnormal requests of every node; with several nodes each key starts with
	 * the node's name (e.g. {@code lb-node-2 503 SC--}).
	 * @return counts by (node,) status and termination state
	 */
	public Map<String, Long> errors() {
		if (this.nodes.size() == 1) {
			return this.nodes.get(0).errors();
		}
		Map<String, Long> errors = new TreeMap<>();
		for (int i = 0; i < this.nodes.size(); i++) {
			String name = this.names.get(i);
			this.nodes.get(i).errors().forEach((key, count) -> errors.put(name + " " + key, count));
		}
		return errors;
	}

	@Override
	public void close() {
		this.nodes.forEach(Haproxy::close);
	}

}
