/**
 * Open-loop load in traffic shapes (steady, bursty, page loads, pollers) over keep-alive
 * connections, and Locust as an alternative.
 */
@NullMarked
package dev.zdt.lab.load;

import org.jspecify.annotations.NullMarked;
