package dev.zdt.sample.events;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.zdt.sample.scores.HighScores;
import dev.zdt.sample.work.SimulatedWork;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Consumes score events from Kafka: each one takes
 * {@code sample.score-events.processing-time}, adds its score to the high scores and is
 * then passed on to {@code sample.score-events.processed-topic} under the same key, with
 * this pod's name as the value. The listener returns only once that record is
 * acknowledged, so the offset commit that follows never gets ahead of the output.
 * <p>
 * Off unless {@code sample.score-events.enabled=true}: its container is not started, so
 * the application never connects to a broker.
 *
 * @author zdt authors
 */
@Component
public class ScoreEventsListener {

	/** The id of the listener container. */
	public static final String ID = "score-events";

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

	private static final Log logger = LogFactory.getLog(ScoreEventsListener.class);

	private final HighScores highScores;

	private final KafkaTemplate<String, String> kafka;

	private final String processedTopic;

	private final Duration processingTime;

	private final String podName;

	ScoreEventsListener(HighScores highScores, KafkaTemplate<String, String> kafka,
			@Value("${sample.score-events.processed-topic:score-events-processed}") String processedTopic,
			@Value("${sample.score-events.processing-time:200ms}") Duration processingTime,
			@Value("${HOSTNAME:local}") String podName) {
		this.highScores = highScores;
		this.kafka = kafka;
		this.processedTopic = processedTopic;
		this.processingTime = processingTime;
		this.podName = podName;
	}

	@KafkaListener(id = ID, topics = "${sample.score-events.topic:score-events}",
			groupId = "${sample.score-events.group:leaderboard}", autoStartup = "${sample.score-events.enabled:false}")
	void onScoreEvent(ConsumerRecord<String, String> event)
			throws InterruptedException, ExecutionException, TimeoutException {
		SimulatedWork.take(this.processingTime);
		try {
			ScoreEvent score = ScoreEvent.parse(event.value());
			this.highScores.record(score.player(), score.score());
		}
		catch (IllegalArgumentException ex) {
			// Processed all the same: sent again, it would be just as wrong.
			logger.warn("score event " + event.key() + " not recorded: " + ex.getMessage());
		}
		this.kafka.send(this.processedTopic, event.key(), this.podName)
			.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

}
