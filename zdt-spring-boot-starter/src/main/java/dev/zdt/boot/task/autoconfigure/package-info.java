/**
 * Auto-configuration of the shutdown participants for Spring's task executors and
 * scheduled tasks.
 */
@NullMarked
package dev.zdt.boot.task.autoconfigure;

import org.jspecify.annotations.NullMarked;
