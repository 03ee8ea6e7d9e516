/**
 * Auto-configuration of the shutdown participants.
 */
@NullMarked
package dev.zdt.boot.work.autoconfigure;

import org.jspecify.annotations.NullMarked;
