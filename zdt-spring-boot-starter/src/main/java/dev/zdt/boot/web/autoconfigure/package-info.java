/**
 * Auto-configuration of the servlet filter and connection draining.
 */
@NullMarked
package dev.zdt.boot.web.autoconfigure;

import org.jspecify.annotations.NullMarked;
