/**
 * Free loopback ports for servers and processes that tests start.
 */
@NullMarked
package dev.zdt.testsupport.net;

import org.jspecify.annotations.NullMarked;
