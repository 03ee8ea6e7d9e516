package dev.zdt.boot.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ's REST server in the test JVM: a real SQS protocol server on a free loopback
 * port, with clients for it.
 */
final class ElasticMq implements AutoCloseable {

	private final SQSRestServer server;

	private final URI endpoint;

	private final SqsAsyncClient client;

	private ElasticMq(SQSRestServer server, int port) {
		this.server = server;
		this.endpoint = URI.create("http://localhost:" + port);
		this.client = client();
	}

	static ElasticMq start() {
		SQSRestServer server = SQSRestServerBuilder.withInterface("localhost").withDynamicPort().start();
		return new ElasticMq(server, server.waitUntilStarted().localAddress().getPort());
	}

	/**
	 * Returns a new client of this server, which the caller closes.
	 * @return the client
	 */
	SqsAsyncClient client() {
		return SqsAsyncClient.builder()
			.endpointOverride(this.endpoint)
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("zdt", "zdt")))
			.build();
	}

	String createQueue(String name, Duration visibilityTimeout) {
		return this.client
			.createQueue(
					(queue) -> queue.queueName(name)
						.attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT,
								Long.toString(visibilityTimeout.toSeconds()))))
			.join()
			.queueUrl();
	}

	void send(String queueUrl, String body) {
		this.client.sendMessage((message) -> message.queueUrl(queueUrl).messageBody(body)).join();
	}

	/**
	 * Receives what the queue holds now and deletes it, as a second consumer would.
	 * @param queueUrl the queue
	 * @return the bodies received
	 */
	List<String> receiveAndDelete(String queueUrl) {
		List<Message> messages = this.client
			.receiveMessage((receive) -> receive.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
			.join()
			.messages();
		if (!messages.isEmpty()) {
			this.client
				.deleteMessageBatch((delete) -> delete.queueUrl(queueUrl)
					.entries(messages.stream()
						.map((message) -> DeleteMessageBatchRequestEntry.builder()
							.id(message.messageId())
							.receiptHandle(message.receiptHandle())
							.build())
						.toList()))
				.join();
		}
		return messages.stream().map(Message::body).toList();
	}

	/**
	 * Returns the messages in the queue, visible or not (received and neither deleted nor
	 * back after their visibility timeout).
	 * @param queueUrl the queue
	 * @return the count
	 */
	long messagesInQueue(String queueUrl) {
		Map<QueueAttributeName, String> attributes = this.client
			.getQueueAttributes((request) -> request.queueUrl(queueUrl)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
			.join()
			.attributes();
		return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
				+ Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
	}

	URI endpoint() {
		return this.endpoint;
	}

	@Override
	public void close() {
		this.client.close();
		this.server.stopAndWait();
	}

}
