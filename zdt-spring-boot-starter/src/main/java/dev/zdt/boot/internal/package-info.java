/**
 * What the starter's packages share and users do not call: property reading and the
 * places where Spring Boot 3 and 4 keep their web server types. Not API: it may change in
 * any release.
 */
@NullMarked
package dev.zdt.boot.internal;

import org.jspecify.annotations.NullMarked;
