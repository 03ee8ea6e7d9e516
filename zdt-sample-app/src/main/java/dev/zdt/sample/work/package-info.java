/**
 * An endpoint of controllable latency for load tests.
 */
@NullMarked
package dev.zdt.sample.work;

import org.jspecify.annotations.NullMarked;
