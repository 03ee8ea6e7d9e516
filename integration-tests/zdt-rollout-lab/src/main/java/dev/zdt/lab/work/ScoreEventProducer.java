package dev.zdt.lab.work;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Score events at a steady rate, keyed by a unique event id; remembers the ids the broker
 * acknowledged (only those count as produced).
 *
 * @author zdt
 */
public final class ScoreEventProducer {

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

	private final KafkaProducer<String, String> producer;

	private final String topic;

	private final Duration period;

	private final List<String> acknowledged = new ArrayList<>();

	private final Thread thread;

	private volatile boolean running = true;

	private int refused;

	/**
	 * Start producing.
	 * @param broker the bootstrap servers
	 * @param topic the topic of the score events
	 * @param perSecond events per second
	 */
	public ScoreEventProducer(String broker, String topic, double perSecond) {
		if (perSecond <= 0) {
			throw new IllegalArgumentException("--events-per-second must be above 0, was " + perSecond);
		}
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer());
		this.topic = topic;
		this.period = Duration.ofNanos((long) (1_000_000_000L / perSecond));
		this.thread = new Thread(this::produce, "score-events");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void produce() {
		long next = System.nanoTime();
		for (int sequence = 0; this.running; sequence++) {
			String key = this.topic + "-" + sequence;
			String value = "{\"player\":\"p%d\",\"score\":%d}".formatted(sequence % 50, (sequence * 37) % 5000);
			try {
				this.producer.send(new ProducerRecord<>(this.topic, key, value))
					.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				synchronized (this.acknowledged) {
					this.acknowledged.add(key);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException | TimeoutException ex) {
				// Not acknowledged: not counted as produced, so never as lost.
				synchronized (this.acknowledged) {
					this.refused++;
				}
			}
			next += this.period.toNanos();
			LockSupport.parkNanos(next - System.nanoTime());
		}
	}

	/**
	 * Stop producing.
	 * @return the ids of the events the broker acknowledged, in order
	 * @throws InterruptedException if interrupted
	 */
	public List<String> stop() throws InterruptedException {
		this.running = false;
		this.thread.join();
		this.producer.close(Duration.ofSeconds(5));
		synchronized (this.acknowledged) {
			return List.copyOf(this.acknowledged);
		}
	}

	/**
	 * Return how many sends the broker did not acknowledge in time.
	 * @return the refused sends
	 */
	public int refused() {
		synchronized (this.acknowledged) {
			return this.refused;
		}
	}

}
