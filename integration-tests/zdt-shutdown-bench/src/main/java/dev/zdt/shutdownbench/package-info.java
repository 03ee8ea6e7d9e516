/**
 * The whole-shutdown benchmark of issue 24: {@link dev.zdt.shutdownbench.ShutdownBench}.
 */
package dev.zdt.shutdownbench;
