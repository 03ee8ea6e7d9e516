package dev.zdt.boot.aws.autoconfigure;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Where the AWS region comes from: {@code zdt.aws.region}, then the SDK's own settings
 * ({@code aws.region}, {@code AWS_REGION}), then the profile file, then (only when a
 * region is required) the rest of the SDK's chain, which may ask the instance metadata.
 */
final class AwsRegions {

	private AwsRegions() {
	}

	static @Nullable String withoutNetwork(Environment environment) {
		for (String name : new String[] { "zdt.aws.region", "aws.region", "AWS_REGION" }) {
			String region = environment.getProperty(name);
			if (StringUtils.hasText(region)) {
				return region.trim();
			}
		}
		try {
			Region region = new AwsProfileRegionProvider().getRegion();
			return (region != null) ? region.id() : null;
		}
		catch (SdkClientException | IllegalStateException ex) {
			return null;
		}
	}

	static Region required(Environment environment) {
		String region = withoutNetwork(environment);
		if (region != null) {
			return Region.of(region);
		}
		try {
			return DefaultAwsRegionProviderChain.builder().build().getRegion();
		}
		catch (SdkClientException ex) {
			throw new InvalidConfigurationPropertyValueException("zdt.aws.region", null,
					"no AWS region found (" + ex.getMessage() + "): set zdt.aws.region or the AWS_REGION environment "
							+ "variable, or zdt.aws.enabled=false");
		}
	}

}
