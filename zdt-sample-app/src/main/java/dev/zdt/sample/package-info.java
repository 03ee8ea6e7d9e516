/**
 * The 2048 sample application: a Spring Boot web app that zdt drains before it stops.
 */
@NullMarked
package dev.zdt.sample;

import org.jspecify.annotations.NullMarked;
