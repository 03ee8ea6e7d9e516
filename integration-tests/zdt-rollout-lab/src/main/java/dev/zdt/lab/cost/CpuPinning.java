package dev.zdt.lab.cost;

import java.util.ArrayList;
import java.util.List;

import dev.zdt.lab.pod.PodTemplate;

/**
 * Which CPUs the measured apps and the load generator run on ({@code taskset -c}), or no
 * pinning.
 *
 * @param appCpus CPUs of the apps, e.g. {@code 1}; empty for no pinning
 * @param loadGeneratorCpus CPUs of wrk, e.g. {@code 0}; empty for no pinning
 * @author zdt
 */
public record CpuPinning(String appCpus, String loadGeneratorCpus) {

	/** No pinning. */
	public static final CpuPinning NONE = new CpuPinning("", "");

	/**
	 * The last CPU for the apps and the others for wrk when there are at least two, else
	 * none.
	 * @return the pinning for this machine
	 */
	public static CpuPinning forThisMachine() {
		return of(Runtime.getRuntime().availableProcessors());
	}

	static CpuPinning of(int cpus) {
		if (cpus < 2) {
			return NONE;
		}
		String last = String.valueOf(cpus - 1);
		return new CpuPinning(last, (cpus == 2) ? "0" : "0-" + (cpus - 2));
	}

	PodTemplate app(PodTemplate template) {
		return (port, managementPort) -> pinned(this.appCpus, template.command(port, managementPort));
	}

	List<String> loadGenerator(List<String> command) {
		return pinned(this.loadGeneratorCpus, command);
	}

	String describe() {
		return this.appCpus.isEmpty() ? "not pinned to CPUs"
				: "apps pinned to CPU %s, wrk to CPU %s (`taskset -c`)".formatted(this.appCpus, this.loadGeneratorCpus);
	}

	private static List<String> pinned(String cpus, List<String> command) {
		if (cpus.isEmpty()) {
			return command;
		}
		List<String> pinned = new ArrayList<>(List.of("taskset", "-c", cpus));
		pinned.addAll(command);
		return pinned;
	}

}
