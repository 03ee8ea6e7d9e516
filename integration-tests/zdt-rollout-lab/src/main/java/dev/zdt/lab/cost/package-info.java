/**
 * The cost of the starter on the request path and at startup, measured with wrk.
 */
@NullMarked
package dev.zdt.lab.cost;

import org.jspecify.annotations.NullMarked;
