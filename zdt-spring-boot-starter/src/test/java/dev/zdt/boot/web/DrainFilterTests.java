package dev.zdt.boot.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zdt.core.DrainCoordinator;
import dev.zdt.core.DrainTrigger;
import dev.zdt.core.hold.FixedDelayStrategy;
import dev.zdt.core.hold.HoldBounds;
import dev.zdt.core.time.ManualTicker;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.WebServer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class DrainFilterTests {

	private final ManualTicker ticker = new ManualTicker();

	private final DrainCoordinator coordinator = DrainCoordinator.builder()
		.strategy(new FixedDelayStrategy(Duration.ofSeconds(1)))
		.bounds(new HoldBounds(Duration.ZERO, Duration.ofSeconds(2), Duration.ofMillis(100)))
		.ticker(this.ticker)
		.build();

	private final CountingConnections connections = new CountingConnections();

	private final GenericApplicationContext context = new GenericApplicationContext();

	private final ConnectionDrainer drainer = new ConnectionDrainer(this.context, (webServer) -> this.connections,
			this.ticker);

	private final DrainFilter filter = new DrainFilter(this.coordinator, new TrafficClassifier(List.of(), List.of()),
			true, this.drainer);

	@Test
	void anHttp11ResponseWhileServingKeepsTheConnection() throws Exception {
		MockHttpServletResponse response = serve("HTTP/1.1", (request, served) -> {
		});
		assertThat(response.getHeader("Connection")).isNull();
	}

	@Test
	void anHttp11ResponseWhileDrainingAsksToClose() throws Exception {
		this.coordinator.drain(DrainTrigger.API);
		assertThat(serve("HTTP/1.1", (request, served) -> {
		}).getHeader("Connection")).isEqualTo("close");
		assertThat(serve("HTTP/1.0", (request, served) -> {
		}).getHeader("Connection")).isEqualTo("close");
	}

	@Test
	void anHttp2ResponseWhileDrainingCarriesNoConnectionHeaderAndItsConnectionIsAskedToGoAway() throws Exception {
		useServer();
		this.coordinator.drain(DrainTrigger.API);
		MockHttpServletResponse response = serve("HTTP/2.0", (request, served) -> {
		});
		assertThat(response.getHeader("Connection")).isNull();
		assertThat(this.connections.goAways).hasValue(1);
	}

	@Test
	void http2RequestsSweepTheConnectionsAtMostOncePerInterval() throws Exception {
		useServer();
		this.coordinator.drain(DrainTrigger.API);
		serve("HTTP/2.0", (request, served) -> {
		});
		serve("HTTP/2.0", (request, served) -> {
		});
		assertThat(this.connections.goAways).hasValue(1);
		this.ticker.advance(ConnectionDrainer.GOAWAY_INTERVAL);
		serve("HTTP/2.0", (request, served) -> {
		});
		assertThat(this.connections.goAways).hasValue(2);
	}

	@Test
	void aResponseCompletedAfterTheDrainStartedAsksToCloseThoughItsRequestCameBefore() throws Exception {
		MockHttpServletResponse response = serve("HTTP/1.1",
				(request, served) -> this.coordinator.drain(DrainTrigger.API));
		assertThat(response.getHeader("Connection")).isEqualTo("close");
	}

	@Test
	void aResponseWrittenAfterTheDrainStartedAsksToCloseThoughItsRequestCameBefore() throws Exception {
		MockHttpServletResponse response = serve("HTTP/1.1", (request, served) -> {
			this.coordinator.drain(DrainTrigger.API);
			served.getWriter().write("done");
			served.flushBuffer();
		});
		assertThat(response.isCommitted()).isTrue();
		assertThat(response.getHeader("Connection")).isEqualTo("close");
		assertThat(response.getContentAsString()).isEqualTo("done");
	}

	@Test
	void aRedirectSentAfterTheDrainStartedAsksToClose() throws Exception {
		MockHttpServletResponse response = serve("HTTP/1.1", (request, served) -> {
			this.coordinator.drain(DrainTrigger.API);
			served.sendRedirect("/elsewhere");
		});
		assertThat(response.getHeader("Connection")).isEqualTo("close");
	}

	@Test
	void anHttp2RequestServedWhenTheDrainStartsAsksItsConnectionToGoAway() throws Exception {
		useServer();
		MockHttpServletResponse response = serve("HTTP/2.0",
				(request, served) -> this.coordinator.drain(DrainTrigger.API));
		assertThat(response.getHeader("Connection")).isNull();
		assertThat(this.connections.goAways).hasValue(1);
	}

	@Test
	void aResponseCommittedBeforeTheDrainStartedIsLeftAlone() throws Exception {
		MockHttpServletResponse response = serve("HTTP/1.1", (request, served) -> {
			served.flushBuffer();
			this.coordinator.drain(DrainTrigger.API);
		});
		assertThat(response.isCommitted()).isTrue();
		assertThat(response.getHeader("Connection")).isNull();
	}

	@Test
	void theHoldEndClosesIdleKeepAliveConnectionsAndSendsGoAway() throws Exception {
		useServer();
		this.drainer.holdEnded(this.coordinator.drain(DrainTrigger.API));
		assertThat(this.connections.idleClosings).hasValue(1);
		assertThat(this.connections.goAways).hasValue(1);
	}

	@Test
	void withoutConnectionCloseNothingIsAskedOfTheConnections() throws Exception {
		useServer();
		DrainFilter keepingConnections = new DrainFilter(this.coordinator, new TrafficClassifier(List.of(), List.of()),
				false, this.drainer);
		this.coordinator.drain(DrainTrigger.API);
		for (String protocol : List.of("HTTP/1.1", "HTTP/2.0")) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/work");
			request.setProtocol(protocol);
			MockHttpServletResponse response = new MockHttpServletResponse();
			keepingConnections.doFilter(request, response, (req, res) -> {
			});
			assertThat(response.getHeader("Connection")).isNull();
		}
		assertThat(this.connections.goAways).hasValue(0);
	}

	private void useServer() {
		this.drainer.use(new StartedServer());
	}

	private MockHttpServletResponse serve(String protocol, Work work) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/work");
		request.setProtocol(protocol);
		MockHttpServletResponse response = new MockHttpServletResponse();
		FilterChain chain = (req, res) -> {
			try {
				work.serve(request, (HttpServletResponse) res);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		};
		this.filter.doFilter(request, response, chain);
		return response;
	}

	@FunctionalInterface
	private interface Work {

		void serve(MockHttpServletRequest request, HttpServletResponse response)
				throws IOException, InterruptedException;

	}

	private static final class StartedServer implements WebServer {

		@Override
		public void start() {
		}

		@Override
		public void stop() {
		}

		@Override
		public int getPort() {
			return 8080;
		}

	}

	private static final class CountingConnections implements ServerConnections {

		final AtomicInteger goAways = new AtomicInteger();

		final AtomicInteger idleClosings = new AtomicInteger();

		@Override
		public int goAwayHttp2() {
			this.goAways.incrementAndGet();
			return 1;
		}

		@Override
		public Set<Object> openHttp1() {
			return Set.of();
		}

		@Override
		public int closeIdleHttp1(Set<Object> candidates) {
			this.idleClosings.incrementAndGet();
			return 1;
		}

	}

}
