/**
 * The service the benchmark stops: web, {@code @Async}, {@code @Scheduled} and Kafka.
 */
package dev.zdt.shutdownbench.worker;
