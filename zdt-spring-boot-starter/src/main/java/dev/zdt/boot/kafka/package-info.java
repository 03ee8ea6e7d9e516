/**
 * The spring-kafka listener containers as a shutdown participant: their graceful stop
 * begins when the drain starts.
 */
@NullMarked
package dev.zdt.boot.kafka;

import org.jspecify.annotations.NullMarked;
