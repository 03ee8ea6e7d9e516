package dev.zdt.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ELBv2 API budget at fleet scale (issue 23): for each fleet size and schedule, N
 * pods' real {@code TargetHealthStrategy} (each with its own real SDK client) and a
 * simulated AWS Load Balancer Controller share one fake ELBv2 API whose {@code Describe*}
 * calls are throttled by the documented token bucket (40 tokens, 10 per second). Prints a
 * Markdown table and writes it to {@code results/fleet-<label>.md}.
 * <p>
 * Arguments: {@code [label=NAME] [schedule=rolling|drain|both] N...}, e.g.
 * {@code label=after 10 50 200 500}.
 */
public final class FleetSimulation {

	private FleetSimulation() {
	}

	/**
	 * Runs the simulation.
	 * @param args the arguments
	 * @throws Exception if a run fails
	 */
	public static void main(String[] args) throws Exception {
		String label = "run";
		List<Schedule> schedules = List.of(Schedule.ROLLING, Schedule.NODE_DRAIN);
		List<Integer> fleets = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("label=")) {
				label = arg.substring("label=".length());
			}
			else if (arg.startsWith("schedule=")) {
				schedules = switch (arg.substring("schedule=".length())) {
					case "rolling" -> List.of(Schedule.ROLLING);
					case "drain" -> List.of(Schedule.NODE_DRAIN);
					default -> List.of(Schedule.ROLLING, Schedule.NODE_DRAIN);
				};
			}
			else {
				fleets.add(Integer.parseInt(arg));
			}
		}
		if (fleets.isEmpty()) {
			fleets = List.of(10, 50, 200, 500);
		}
		StringBuilder table = new StringBuilder(FleetResult.header()).append('\n');
		System.out.println(FleetResult.header());
		for (Schedule schedule : schedules) {
			for (int fleet : fleets) {
				String row = new FleetRun(schedule, fleet).run().row();
				System.out.println(row);
				table.append(row).append('\n');
			}
		}
		write(label, table.toString());
	}

	private static void write(String label, String table) throws IOException {
		Path file = Path.of("results", "fleet-" + label + ".md");
		Files.createDirectories(file.getParent());
		String text = "# Fleet simulation: " + label + "\n\n" + Instant.now() + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
				+ "\n\n" + table;
		Files.writeString(file, text);
		System.out.println("written to " + file.toAbsolutePath());
	}

}
