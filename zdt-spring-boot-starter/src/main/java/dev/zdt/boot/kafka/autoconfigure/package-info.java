/**
 * Auto-configuration of the Kafka listener containers' shutdown participant, when
 * spring-kafka is on the classpath.
 */
@NullMarked
package dev.zdt.boot.kafka.autoconfigure;

import org.jspecify.annotations.NullMarked;
