package dev.zdt.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.zdt.lab.load.LoadReport;
import dev.zdt.lab.load.Timeline;
import dev.zdt.lab.rollout.Event;
import dev.zdt.lab.rollout.RunResult;

/**
 * Draws one lab run as an SVG: requests per second answered by each pod, failed requests
 * per second, and the moments that matter (pod ready, deletion, deregistration, SIGTERM,
 * exit).
 *
 * @author zdt
 */
public final class TimelineSvg {

	private static final int WIDTH = 1100;

	private static final int HEIGHT = 560;

	private static final int LEFT = 60;

	private static final int RIGHT = 20;

	private static final int TOP = 170;

	private static final int BOTTOM = 60;

	private static final String[] POD_COLORS = { "#1f77b4", "#2ca02c", "#9467bd", "#17becf", "#8c564b", "#bcbd22",
			"#7f7f7f", "#e377c2" };

	private static final Map<Event.Kind, String> MARKERS = Map.of(Event.Kind.READY, "#2ca02c", Event.Kind.DELETED,
			"#ff7f0e", Event.Kind.DEREGISTERED, "#9467bd", Event.Kind.SIGTERM, "#8c564b", Event.Kind.SIGKILL, "#d62728",
			Event.Kind.EXITED, "#000000");

	private TimelineSvg() {
	}

	/**
	 * Render a run.
	 * @param result the run
	 * @return the SVG document
	 */
	public static String render(RunResult result) {
		Timeline timeline = result.load().timeline();
		List<Event> events = result.events();
		double start = events.stream()
			.filter((event) -> event.kind() == Event.Kind.LOAD_STARTED)
			.mapToDouble((event) -> Math.max(0, Math.floor(event.seconds()) - 1))
			.findFirst()
			.orElse(0);
		double end = Math.max(timeline.length(), events.isEmpty() ? 1 : events.get(events.size() - 1).seconds() + 1);
		int[] ok = timeline.ok();
		int[] server = timeline.serverErrors();
		int[] client = timeline.clientErrors();
		int max = 1;
		for (int i = (int) start; i < ok.length; i++) {
			max = Math.max(max, Math.max(ok[i], server[i] + client[i]));
		}
		double yMax = niceCeiling(max * 1.1);
		Plot plot = new Plot(start, end, yMax);
		StringBuilder svg = new StringBuilder();
		svg.append(
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n"
					.formatted(WIDTH, HEIGHT, WIDTH, HEIGHT));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		title(svg, result);
		axes(svg, plot);
		errors(svg, plot, server, client);
		int color = 0;
		for (Map.Entry<String, int[]> entry : timeline.okByServer().entrySet()) {
			line(svg, plot, entry.getValue(), POD_COLORS[color++ % POD_COLORS.length], 1.5, entry.getKey());
		}
		line(svg, plot, ok, "#333333", 1, "all answered");
		markers(svg, plot, events);
		legend(svg, timeline);
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static void title(StringBuilder svg, RunResult result) {
		LoadReport load = result.load();
		svg.append(text(LEFT, 22, 15, "bold", "#000",
				escape(result.spec().scenario().label() + " — " + result.spec().describe())));
		svg.append(text(LEFT, 42, 12, "normal", "#000",
				escape("%d requests, %d LB 5xx, %d client errors; termination median %.1f s, max %.1f s; rollout %.1f s"
					.formatted(load.completed(), load.serverErrors(), load.clientErrors(),
							result.medianTermination().toMillis() / 1000.0, result.maxTermination().toMillis() / 1000.0,
							result.medianRollout().toMillis() / 1000.0))));
	}

	private static void axes(StringBuilder svg, Plot plot) {
		svg.append("<g stroke=\"#ccc\" stroke-width=\"0.5\">\n");
		for (int i = 0; i <= 5; i++) {
			double value = plot.yMax * i / 5;
			double y = plot.y(value);
			svg.append("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n".formatted(LEFT, y, WIDTH - RIGHT, y));
		}
		svg.append("</g>\n");
		for (int i = 0; i <= 5; i++) {
			double value = plot.yMax * i / 5;
			svg.append(text(LEFT - 6, plot.y(value) + 4, 10, "normal", "#333", format(value)).replace("<text ",
					"<text text-anchor=\"end\" "));
		}
		int step = tickStep(plot.xMax - plot.xMin);
		for (int second = (int) (Math.ceil(plot.xMin / step) * step); second <= plot.xMax; second += step) {
			double x = plot.x(second);
			svg.append("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>\n".formatted(x,
					HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 4));
			svg.append(text(x, HEIGHT - BOTTOM + 16, 10, "normal", "#333", String.valueOf(second)).replace("<text ",
					"<text text-anchor=\"middle\" "));
		}
		svg.append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n".formatted(LEFT, HEIGHT - BOTTOM,
				WIDTH - RIGHT, HEIGHT - BOTTOM));
		svg.append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n".formatted(LEFT, TOP, LEFT,
				HEIGHT - BOTTOM));
		svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - BOTTOM + 34, 11, "normal", "#333", "seconds")
			.replace("<text ", "<text text-anchor=\"middle\" "));
		svg.append(
				"<text x=\"14\" y=\"%.1f\" font-size=\"11\" fill=\"#333\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">requests per second</text>\n"
					.formatted((TOP + HEIGHT - BOTTOM) / 2.0, (TOP + HEIGHT - BOTTOM) / 2.0));
	}

	private static void errors(StringBuilder svg, Plot plot, int[] server, int[] client) {
		double width = Math.max(1, plot.x(1) - plot.x(0) - 1);
		for (int i = (int) plot.xMin; i < server.length; i++) {
			int failed = server[i] + client[i];
			if (failed > 0) {
				double top = plot.y(failed);
				svg.append(
						"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#d62728\" fill-opacity=\"0.8\"><title>%d s: %d LB 5xx, %d client errors</title></rect>\n"
							.formatted(plot.x(i), top, width, HEIGHT - BOTTOM - top, i, server[i], client[i]));
			}
		}
	}

	private static void line(StringBuilder svg, Plot plot, int[] values, String color, double width, String name) {
		StringBuilder points = new StringBuilder();
		for (int i = (int) plot.xMin; i < values.length; i++) {
			points.append("%.1f,%.1f ".formatted(plot.x(i + 0.5), plot.y(values[i])));
		}
		svg.append(
				"<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" points=\"%s\"><title>%s</title></polyline>\n"
					.formatted(color, width, points.toString().trim(), escape(name)));
	}

	private static void markers(StringBuilder svg, Plot plot, List<Event> events) {
		List<double[]> labels = new ArrayList<>();
		for (Event event : events) {
			String color = MARKERS.get(event.kind());
			if (color == null || event.seconds() < plot.xMin) {
				continue;
			}
			double x = plot.x(event.seconds());
			svg.append(
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1\" stroke-dasharray=\"4 3\"><title>%s</title></line>\n"
						.formatted(x, TOP - 4, x, HEIGHT - BOTTOM, color, escape(event.toString().trim())));
			// Labels start at their marker, moved left where they would leave the
			// picture.
			double labelX = Math.min(x + 2, WIDTH - 110);
			int row = 0;
			while (overlaps(labels, labelX, row)) {
				row++;
			}
			labels.add(new double[] { labelX, row });
			double y = TOP - 10 - (row % 9) * 12;
			svg.append(text(labelX, y, 10, "normal", color, escape(label(event))));
		}
	}

	private static boolean overlaps(List<double[]> labels, double x, int row) {
		for (double[] label : labels) {
			if (label[1] == row && Math.abs(label[0] - x) < 110) {
				return true;
			}
		}
		return false;
	}

	private static String label(Event event) {
		String what = switch (event.kind()) {
			case READY -> "ready";
			case DELETED -> "deleted";
			case DEREGISTERED -> "LB draining";
			case SIGTERM -> "SIGTERM";
			case SIGKILL -> "SIGKILL";
			case EXITED -> "exit";
			default -> event.kind().name();
		};
		return event.pod() + " " + what;
	}

	private static void legend(StringBuilder svg, Timeline timeline) {
		List<String[]> entries = new ArrayList<>();
		int color = 0;
		for (String server : timeline.okByServer().keySet()) {
			entries.add(new String[] { POD_COLORS[color++ % POD_COLORS.length], server + " answered/s" });
		}
		entries.add(new String[] { "#333333", "all answered/s" });
		entries.add(new String[] { "#d62728", "failed/s (LB 5xx + client errors)" });
		double x = LEFT;
		for (String[] entry : entries) {
			svg.append("<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>\n".formatted(x, HEIGHT - 14,
					entry[0]));
			svg.append(text(x + 16, HEIGHT - 9, 10, "normal", "#333", escape(entry[1])));
			x += 26 + entry[1].length() * 5.6;
		}
	}

	private static String text(double x, double y, int size, String weight, String color, String content) {
		return "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-weight=\"%s\" fill=\"%s\">%s</text>\n".formatted(x, y,
				size, weight, color, content);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private static double niceCeiling(double value) {
		double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(1, value))));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * magnitude >= value) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static int tickStep(double seconds) {
		for (int step : new int[] { 1, 2, 5, 10, 15, 30, 60, 120, 300 }) {
			if (seconds / step <= 20) {
				return step;
			}
		}
		return 600;
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
	}

	private record Plot(double xMin, double xMax, double yMax) {

		double x(double seconds) {
			return LEFT + (seconds - this.xMin) / (this.xMax - this.xMin) * (WIDTH - LEFT - RIGHT);
		}

		double y(double value) {
			return HEIGHT - BOTTOM - value / this.yMax * (HEIGHT - BOTTOM - TOP);
		}

	}

}
