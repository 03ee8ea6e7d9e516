/**
 * Work no load balancer routes: drives the shutdown participants through the drain and
 * waits for their work while the web server shuts down gracefully.
 */
@NullMarked
package dev.zdt.boot.work;

import org.jspecify.annotations.NullMarked;
