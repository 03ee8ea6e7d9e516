/**
 * The fleet simulation: the ELBv2 API budget when many pods drain at once.
 */
@NullMarked
package dev.zdt.fleet;

import org.jspecify.annotations.NullMarked;
