package dev.zdt.lab.cost;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code wrk --latency} run reported.
 *
 * @param requestsPerSecond throughput
 * @param p50 median latency
 * @param p99 99th percentile latency
 * @param errors socket errors plus non-2xx/3xx responses
 * @author zdt
 */
public record WrkResult(double requestsPerSecond, Duration p50, Duration p99, long errors) {

	private static final Pattern THROUGHPUT = Pattern.compile("Requests/sec:\\s+([\\d.]+)");

	private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([\\d.]+)(us|ms|s)\\s*$",
			Pattern.MULTILINE);

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	/**
	 * Parse wrk's output.
	 * @param output what wrk printed
	 * @return the result
	 */
	public static WrkResult parse(String output) {
		Matcher throughput = THROUGHPUT.matcher(output);
		if (!throughput.find()) {
			throw new IllegalArgumentException("No Requests/sec in wrk output:\n" + output);
		}
		Duration p50 = Duration.ZERO;
		Duration p99 = Duration.ZERO;
		Matcher percentile = PERCENTILE.matcher(output);
		while (percentile.find()) {
			Duration value = duration(Double.parseDouble(percentile.group(2)), percentile.group(3));
			if (percentile.group(1).equals("50")) {
				p50 = value;
			}
			else {
				p99 = value;
			}
		}
		long errors = 0;
		Matcher non2xx = NON_2XX.matcher(output);
		if (non2xx.find()) {
			errors += Long.parseLong(non2xx.group(1));
		}
		Matcher socket = SOCKET_ERRORS.matcher(output);
		if (socket.find()) {
			for (int i = 1; i <= 4; i++) {
				errors += Long.parseLong(socket.group(i));
			}
		}
		return new WrkResult(Double.parseDouble(throughput.group(1)), p50, p99, errors);
	}

	private static Duration duration(double value, String unit) {
		double nanos = switch (unit) {
			case "us" -> value * 1e3;
			case "ms" -> value * 1e6;
			default -> value * 1e9;
		};
		return Duration.ofNanos(Math.round(nanos));
	}

}
