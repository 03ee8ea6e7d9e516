/**
 * HAProxy as the ALB stand-in: generated configuration, the process and its runtime API.
 */
@NullMarked
package dev.zdt.lab.lb;

import org.jspecify.annotations.NullMarked;
