/**
 * Built-in shutdown participants for Spring's task executors and scheduled tasks.
 */
@NullMarked
package dev.zdt.boot.task;

import org.jspecify.annotations.NullMarked;
