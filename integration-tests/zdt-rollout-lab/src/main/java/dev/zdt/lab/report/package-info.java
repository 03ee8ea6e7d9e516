/**
 * Benchmark matrix, markdown tables and SVG timelines.
 */
@NullMarked
package dev.zdt.lab.report;

import org.jspecify.annotations.NullMarked;
