package dev.zdt.integration;

/**
 * A tiny program for {@link JavaProcessTests}: says it started, then waits to be
 * terminated and says so from a shutdown hook.
 */
final class SigtermAwareMain {

	private SigtermAwareMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
		System.out.println("started with " + String.join(",", args));
		Thread.sleep(60_000);
		System.out.println("not terminated");
	}

}
