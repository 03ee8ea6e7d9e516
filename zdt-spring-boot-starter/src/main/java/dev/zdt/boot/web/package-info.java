/**
 * Servlet integration: counts application traffic, closes keep-alive connections while
 * draining, and ends Spring MVC's long-lived responses when the hold ends.
 */
@NullMarked
package dev.zdt.boot.web;

import org.jspecify.annotations.NullMarked;
