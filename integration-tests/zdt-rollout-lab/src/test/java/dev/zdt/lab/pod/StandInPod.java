package dev.zdt.lab.pod;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny stand-in for the sample app (JDK HTTP server only, starts in a blink), to prove
 * the lab without the real jar. Same ports and endpoints: {@code /api/work?ms=N},
 * readiness, the zdt drain endpoint. With {@code --zdt.enabled=false} it stops at once on
 * SIGTERM, like a server that closes its listener; otherwise a drain (preStop call or
 * SIGTERM) flips readiness and holds for {@code --standin.hold-ms} while still serving,
 * then stops.
 *
 * @author zdt
 */
public final class StandInPod {

	private final AtomicBoolean draining = new AtomicBoolean();

	private final CountDownLatch held = new CountDownLatch(1);

	private final long holdMillis;

	private StandInPod(long holdMillis) {
		this.holdMillis = holdMillis;
	}

	public static void main(String[] args) throws IOException {
		int port = 0;
		int managementPort = 0;
		boolean zdt = true;
		long hold = 3000;
		for (String arg : args) {
			if (arg.startsWith("--server.port=")) {
				port = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
			}
			else if (arg.startsWith("--management.server.port=")) {
				managementPort = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
			}
			else if (arg.equals("--zdt.enabled=false")) {
				zdt = false;
			}
			else if (arg.startsWith("--standin.hold-ms=")) {
				hold = Long.parseLong(arg.substring(arg.indexOf('=') + 1));
			}
		}
		new StandInPod(hold).run(port, managementPort, zdt);
	}

	private void run(int port, int managementPort, boolean zdt) throws IOException {
		HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
		app.setExecutor(Executors.newFixedThreadPool(32));
		app.createContext("/api/work", this::work);
		HttpServer management = HttpServer
			.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), managementPort), 16);
		management.setExecutor(Executors.newFixedThreadPool(4));
		management.createContext("/actuator/health/readiness",
				(exchange) -> respond(exchange, this.draining.get() ? 503 : 200,
						this.draining.get() ? "{\"status\":\"OUT_OF_SERVICE\"}" : "{\"status\":\"UP\"}"));
		management.createContext("/actuator/zdt/drain", (exchange) -> {
			drain();
			respond(exchange, 200, "{\"state\":\"DRAINED\"}");
		});
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			if (zdt) {
				drain();
				app.stop(1);
			}
			else {
				app.stop(0);
			}
			management.stop(0);
		}));
		app.start();
		management.start();
		System.out.println("Started StandInPod in 0.1 seconds (process running for 0.2)");
	}

	private void drain() {
		if (this.draining.compareAndSet(false, true)) {
			try {
				Thread.sleep(this.holdMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.held.countDown();
		}
		else {
			try {
				this.held.await(this.holdMillis + 1000, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void work(HttpExchange exchange) throws IOException {
		String query = exchange.getRequestURI().getQuery();
		long millis = (query != null && query.startsWith("ms=")) ? Long.parseLong(query.substring(3)) : 0;
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.draining.get()) {
			exchange.getResponseHeaders().set("Connection", "close");
		}
		respond(exchange, 200, "ok");
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
