/**
 * Micrometer meters of the drain.
 */
@NullMarked
package dev.zdt.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
