/**
 * The high score export, a job on {@code @Async}, and the scheduled cleanup of old
 * exports: background work that zdt finishes before the process exits.
 */
@NullMarked
package dev.zdt.sample.exports;

import org.jspecify.annotations.NullMarked;
