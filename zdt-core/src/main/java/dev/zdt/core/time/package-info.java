/**
 * Time as a dependency, so that every time-based decision can be tested without sleeping.
 */
@NullMarked
package dev.zdt.core.time;

import org.jspecify.annotations.NullMarked;
