package dev.zdt.container;

import java.net.URI;
import java.time.Duration;

import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until a URL answers 200. Testcontainers' own HTTP wait strategy goes through
 * mapped ports, which a container on the host network does not have.
 */
final class HttpOkWaitStrategy extends AbstractWaitStrategy {

	private final URI uri;

	HttpOkWaitStrategy(URI uri) {
		this.uri = uri;
	}

	@Override
	protected void waitUntilReady() {
		long deadline = System.nanoTime() + this.startupTimeout.toNanos();
		try {
			while (Http.status(this.uri) != 200) {
				if (!this.waitStrategyTarget.isRunning()) {
					throw new ContainerLaunchException("The container stopped before " + this.uri + " answered 200");
				}
				if (System.nanoTime() > deadline) {
					throw new ContainerLaunchException(
							this.uri + " did not answer 200 within " + this.startupTimeout.toSeconds() + " s");
				}
				Thread.sleep(Duration.ofMillis(200).toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ContainerLaunchException("Interrupted while waiting for " + this.uri, ex);
		}
	}

}
