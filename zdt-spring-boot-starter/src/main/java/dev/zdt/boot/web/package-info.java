/**
 * Servlet integration: counts application traffic and closes keep-alive connections while
 * draining.
 */
@NullMarked
package dev.zdt.boot.web;

import org.jspecify.annotations.NullMarked;
