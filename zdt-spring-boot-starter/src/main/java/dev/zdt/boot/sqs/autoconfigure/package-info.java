/**
 * Auto-configuration of the SQS listener participant when spring-cloud-aws-sqs is on the
 * class path and its listener container registry is a bean.
 */
@NullMarked
package dev.zdt.boot.sqs.autoconfigure;

import org.jspecify.annotations.NullMarked;
