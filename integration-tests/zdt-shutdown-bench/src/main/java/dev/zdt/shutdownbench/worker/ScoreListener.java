package dev.zdt.shutdownbench.worker;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The consumer of score events: {@code bench.record-time} per record. */
@Component
class ScoreListener {

	private final Journal journal;

	private final Duration recordTime;

	ScoreListener(Journal journal, @Value("${bench.record-time:200ms}") Duration recordTime) {
		this.journal = journal;
		this.recordTime = recordTime;
	}

	@KafkaListener(topics = "${bench.topic}", groupId = "${bench.group:score-consumers}")
	void onScore(ConsumerRecord<String, String> score) {
		Work.take(this.recordTime);
		this.journal.write("record " + score.key());
	}

}
