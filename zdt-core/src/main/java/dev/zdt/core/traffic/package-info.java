/**
 * Observation of the application's own traffic: arrivals, arrival rate and in-flight
 * requests.
 */
@NullMarked
package dev.zdt.core.traffic;

import org.jspecify.annotations.NullMarked;
