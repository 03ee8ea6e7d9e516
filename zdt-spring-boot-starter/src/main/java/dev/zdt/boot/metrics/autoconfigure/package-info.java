/**
 * Auto-configuration of the drain's Micrometer meters.
 */
@NullMarked
package dev.zdt.boot.metrics.autoconfigure;

import org.jspecify.annotations.NullMarked;
