/**
 * Micrometer meters of the drain.
 */
@NullMarked
package dev.zdt.boot.metrics;

import org.jspecify.annotations.NullMarked;
