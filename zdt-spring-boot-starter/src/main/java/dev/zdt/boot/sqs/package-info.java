/**
 * spring-cloud-aws SQS listener containers as a participant of the drain: they stop
 * receiving when the drain starts and finish the messages in hand during the hold.
 */
@NullMarked
package dev.zdt.boot.sqs;

import org.jspecify.annotations.NullMarked;
