/**
 * The drain state machine: one drain per process, whatever triggers it and in whatever
 * order.
 */
@NullMarked
package dev.zdt.core;

import org.jspecify.annotations.NullMarked;
