package dev.zdt.boot.kafka;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * A record listener that takes its time for each record, as a user's would that writes to
 * a database.
 */
class SlowListener {

	private final RecordLedger ledger;

	private final Duration processingTime;

	SlowListener(RecordLedger ledger, Duration processingTime) {
		this.ledger = ledger;
		this.processingTime = processingTime;
	}

	@KafkaListener(id = "scores", topics = "${test.kafka.topic}", groupId = "${test.kafka.group}")
	void onScore(ConsumerRecord<String, String> record) throws InterruptedException {
		Thread.sleep(this.processingTime.toMillis());
		if (this.ledger.isKilled()) {
			// The process is gone: this record was not processed, and no commit or poll
			// follows.
			this.ledger.parkKilled();
			return;
		}
		this.ledger.processed(record.key());
	}

}
