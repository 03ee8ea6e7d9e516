/**
 * WebFlux integration: counts application traffic and asks clients to close keep-alive
 * connections while draining.
 */
@NullMarked
package dev.zdt.boot.web.reactive;

import org.jspecify.annotations.NullMarked;
