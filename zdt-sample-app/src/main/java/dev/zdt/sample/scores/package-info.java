/**
 * The in-memory high score list and its JSON API.
 */
@NullMarked
package dev.zdt.sample.scores;

import org.jspecify.annotations.NullMarked;
