/**
 * Hold strategies, and the per-hold evaluators they start: when is it safe to stop
 * serving because the load balancer has let go of us.
 */
@NullMarked
package dev.zdt.core.hold;

import org.jspecify.annotations.NullMarked;
