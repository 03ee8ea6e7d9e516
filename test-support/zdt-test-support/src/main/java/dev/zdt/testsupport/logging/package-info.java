/**
 * Log capture for assertions on what plain-Java code reports through
 * {@link java.lang.System.Logger}.
 */
@NullMarked
package dev.zdt.testsupport.logging;

import org.jspecify.annotations.NullMarked;
