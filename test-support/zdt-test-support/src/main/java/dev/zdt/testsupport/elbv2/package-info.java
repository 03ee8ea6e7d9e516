/**
 * Test support: a local stand-in for the ELBv2 API that the real SDK client can talk to.
 */
@NullMarked
package dev.zdt.aws.testing;

import org.jspecify.annotations.NullMarked;
