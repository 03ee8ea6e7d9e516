/**
 * A hold strategy that asks the AWS Application Load Balancer itself whether it has let
 * go of this instance: {@code DescribeTargetHealth} for the pod's target in each of its
 * target groups. Plain Java and the AWS SDK; no Spring.
 */
@NullMarked
package dev.zdt.aws;

import org.jspecify.annotations.NullMarked;
