package dev.zdt.lab.work;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A Kafka broker (spring-kafka-test's embedded KRaft broker) in a JVM of its own, so that
 * its work does not share a JVM with the lab's clocks and load. Prints its address and
 * runs until killed.
 *
 * @author zdt
 */
public final class BrokerMain {

	private BrokerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
		broker.afterPropertiesSet();
		System.out.println(KafkaBroker.ADDRESS_LINE + broker.getBrokersAsString());
		System.out.flush();
		Thread.currentThread().join();
	}

}
