package dev.zdt.shutdownbench;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A Kafka broker (spring-kafka-test's embedded KRaft broker) in a JVM of its own, so that
 * its work does not share a JVM with the benchmark's clock. Prints its address and runs
 * until killed.
 */
public final class BrokerMain {

	private BrokerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
		broker.afterPropertiesSet();
		System.out.println(Broker.ADDRESS_LINE + broker.getBrokersAsString());
		System.out.flush();
		Thread.currentThread().join();
	}

}
