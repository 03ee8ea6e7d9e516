/**
 * The consumer of score events from Kafka, off unless
 * {@code sample.score-events.enabled=true}.
 */
@NullMarked
package dev.zdt.sample.events;

import org.jspecify.annotations.NullMarked;
