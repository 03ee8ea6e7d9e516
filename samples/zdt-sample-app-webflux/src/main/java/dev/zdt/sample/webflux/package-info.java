/**
 * The reactive sample app.
 */
@NullMarked
package dev.zdt.sample.webflux;

import org.jspecify.annotations.NullMarked;
