/**
 * The rolling update controller, the load balancer controller and the scenarios they run.
 */
@NullMarked
package dev.zdt.lab.rollout;

import org.jspecify.annotations.NullMarked;
