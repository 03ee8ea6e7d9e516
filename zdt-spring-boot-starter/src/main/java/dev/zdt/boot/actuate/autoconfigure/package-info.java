/**
 * Auto-configuration of the zdt actuator endpoint.
 */
@NullMarked
package dev.zdt.boot.actuate.autoconfigure;

import org.jspecify.annotations.NullMarked;
