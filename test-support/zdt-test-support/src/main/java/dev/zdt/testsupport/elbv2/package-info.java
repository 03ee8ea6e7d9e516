/**
 * A local stand-in for the ELBv2 API that the real SDK client can talk to.
 */
@NullMarked
package dev.zdt.testsupport.elbv2;

import org.jspecify.annotations.NullMarked;
