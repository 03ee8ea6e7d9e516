/**
 * Test helpers that other zdt modules reuse through the starter's test jar.
 */
@NullMarked
package dev.zdt.autoconfigure.testing;

import org.jspecify.annotations.NullMarked;
