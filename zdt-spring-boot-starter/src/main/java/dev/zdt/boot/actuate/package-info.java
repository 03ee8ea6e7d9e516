/**
 * The zdt actuator endpoint and its protection.
 */
@NullMarked
package dev.zdt.boot.actuate;

import org.jspecify.annotations.NullMarked;
