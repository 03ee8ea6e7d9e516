/**
 * How zdt runs a hold: implementation, not API. Its types may change in any release; use
 * {@link dev.zdt.core.DrainCoordinator} and the {@link dev.zdt.core.hold} SPI instead.
 */
@NullMarked
package dev.zdt.core.internal;

import org.jspecify.annotations.NullMarked;
