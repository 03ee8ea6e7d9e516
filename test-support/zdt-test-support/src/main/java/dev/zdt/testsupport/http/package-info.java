/**
 * A plain HTTP/1.1 client on a socket (keep-alive, raw headers, the server alone decides
 * when to close), steady load built on it, and clients of long-lived responses
 * (server-sent events, WebSockets).
 */
@NullMarked
package dev.zdt.testsupport.http;

import org.jspecify.annotations.NullMarked;
