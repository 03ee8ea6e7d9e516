/**
 * Pods as local JVM processes and the kubelet's termination sequence (preStop, SIGTERM,
 * SIGKILL).
 */
@NullMarked
package dev.zdt.lab.pod;

import org.jspecify.annotations.NullMarked;
