/**
 * Test helpers that other zdt modules reuse through the starter's test jar.
 */
@NullMarked
package dev.zdt.boot.testing;

import org.jspecify.annotations.NullMarked;
