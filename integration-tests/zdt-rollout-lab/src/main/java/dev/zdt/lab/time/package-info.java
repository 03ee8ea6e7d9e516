/**
 * The one clock that load timelines and rollout events share.
 */
@NullMarked
package dev.zdt.lab.time;

import org.jspecify.annotations.NullMarked;
