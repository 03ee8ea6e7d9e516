/**
 * Work that no load balancer routes, such as message listeners, schedulers and executors,
 * and that must finish before the process exits.
 */
@NullMarked
package dev.zdt.core.work;

import org.jspecify.annotations.NullMarked;
