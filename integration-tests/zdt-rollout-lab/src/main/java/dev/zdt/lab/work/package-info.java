/**
 * Work no load balancer sees, driven beside the HTTP load: a Kafka broker, score events,
 * export jobs, and the tally of what was lost or done twice.
 */
@NullMarked
package dev.zdt.lab.work;

import org.jspecify.annotations.NullMarked;
