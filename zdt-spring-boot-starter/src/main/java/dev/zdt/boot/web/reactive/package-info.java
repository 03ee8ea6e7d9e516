/**
 * WebFlux integration: counts application traffic and asks clients to close keep-alive
 * connections while draining, and ends server-sent event streams and WebSockets when the
 * hold ends.
 */
@NullMarked
package dev.zdt.boot.web.reactive;

import org.jspecify.annotations.NullMarked;
