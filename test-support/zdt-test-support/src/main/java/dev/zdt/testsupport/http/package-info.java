/**
 * A plain HTTP/1.1 client on a socket (keep-alive, raw headers, the server alone decides
 * when to close) and steady load built on it.
 */
@NullMarked
package dev.zdt.testsupport.http;

import org.jspecify.annotations.NullMarked;
