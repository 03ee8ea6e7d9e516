/**
 * Auto-configuration that wires the zdt drain into Spring Boot: properties, strategy,
 * lifecycle and readiness.
 */
@NullMarked
package dev.zdt.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
