/**
 * WebSocket integration (spring-websocket, optional): sessions closed with 1001 when the
 * drain's hold ends. Apart from the rest, so that only a configuration guarded by the
 * presence of spring-websocket loads it.
 */
@NullMarked
package dev.zdt.boot.web.socket;

import org.jspecify.annotations.NullMarked;
