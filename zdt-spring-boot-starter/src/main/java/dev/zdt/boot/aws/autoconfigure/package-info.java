/**
 * Auto-configuration that adds the AWS target health to zdt's hold when the AWS SDK's
 * ELBv2 client is on the classpath and AWS is configured.
 */
@NullMarked
package dev.zdt.boot.aws.autoconfigure;

import org.jspecify.annotations.NullMarked;
