/**
 * The drain's place in Spring's lifecycle: starting it on context close, flipping
 * readiness, logging it.
 */
@NullMarked
package dev.zdt.boot.lifecycle;

import org.jspecify.annotations.NullMarked;
