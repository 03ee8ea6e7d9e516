/**
 * Open-loop load at a fixed request rate over keep-alive connections, and Locust as an alternative.
 */
@NullMarked
package dev.zdt.lab.load;

import org.jspecify.annotations.NullMarked;
