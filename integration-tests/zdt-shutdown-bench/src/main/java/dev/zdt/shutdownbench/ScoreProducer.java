package dev.zdt.shutdownbench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Score events at a steady rate, keyed by their sequence number; counts those the broker
 * acknowledged.
 */
final class ScoreProducer implements AutoCloseable {

	private final KafkaProducer<String, String> producer;

	private final String topic;

	private final Duration period;

	private final AtomicInteger acknowledged = new AtomicInteger();

	private final Thread thread;

	private volatile boolean running = true;

	ScoreProducer(String broker, String topic, int perSecond) {
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer());
		this.topic = topic;
		this.period = Duration.ofSeconds(1).dividedBy(perSecond);
		this.thread = new Thread(this::produce, "score-producer");
		this.thread.start();
	}

	private void produce() {
		long next = System.nanoTime();
		for (int sequence = 0; this.running; sequence++) {
			String key = Integer.toString(sequence);
			try {
				this.producer.send(new ProducerRecord<>(this.topic, key, "score " + key)).get();
				this.acknowledged.incrementAndGet();
			}
			catch (Exception ex) {
				throw new IllegalStateException("The broker refused score " + key, ex);
			}
			next += this.period.toNanos();
			LockSupport.parkNanos(next - System.nanoTime());
		}
	}

	/**
	 * Stops producing; returns how many scores the broker acknowledged: keys 0 to n - 1.
	 */
	int stop() throws InterruptedException {
		this.running = false;
		this.thread.join();
		return this.acknowledged.get();
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.producer.close();
	}

}
