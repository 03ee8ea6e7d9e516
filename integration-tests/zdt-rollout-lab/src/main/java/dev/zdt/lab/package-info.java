/**
 * A local stand-in for EKS and the ALB: rolling updates of JVM pods behind HAProxy under
 * load, as a command line tool.
 */
@NullMarked
package dev.zdt.lab;

import org.jspecify.annotations.NullMarked;
