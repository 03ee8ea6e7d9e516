/**
 * The zdt actuator endpoint and its protection.
 */
@NullMarked
package dev.zdt.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
