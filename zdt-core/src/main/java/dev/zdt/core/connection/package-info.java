/**
 * Long-lived responses (server-sent event streams, WebSockets) that the drain ends
 * cleanly when its hold is over.
 */
@NullMarked
package dev.zdt.core.connection;

import org.jspecify.annotations.NullMarked;
