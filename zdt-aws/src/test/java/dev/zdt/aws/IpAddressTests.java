package dev.zdt.aws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IpAddress}.
 */
class IpAddressTests {

	@Test
	void spellingsOfOneIpv6AddressAreEqualAndPrintInTheCanonicalForm() {
		IpAddress address = IpAddress.parse("2001:DB8:0:0::0015").orElseThrow();
		assertThat(address).isEqualTo(IpAddress.parse("2001:db8::15").orElseThrow())
			.isEqualTo(IpAddress.parse("2001:0db8:0000:0000:0000:0000:0000:0015").orElseThrow());
		assertThat(address).hasToString("2001:db8::15");
		assertThat(address.isIpv6()).isTrue();
	}

	@Test
	void canonicalFormShortensTheLongestRunOfZeroGroupsOnly() {
		assertThat(IpAddress.parse("2001:0:0:1:0:0:0:1").orElseThrow()).hasToString("2001:0:0:1::1");
		assertThat(IpAddress.parse("2001:db8:0:1:1:1:1:1").orElseThrow()).hasToString("2001:db8:0:1:1:1:1:1");
		assertThat(IpAddress.parse("::").orElseThrow()).hasToString("::");
		assertThat(IpAddress.parse("::ffff:192.0.2.15").orElseThrow()).hasToString("::ffff:c000:20f");
	}

	@Test
	void ipv4AddressesCompareAsAddresses() {
		assertThat(IpAddress.parse(" 192.0.2.15 ")).contains(IpAddress.parse("192.0.2.15").orElseThrow());
		assertThat(IpAddress.parse("192.0.2.15").orElseThrow()).hasToString("192.0.2.15")
			.isNotEqualTo(IpAddress.parse("192.0.2.16").orElseThrow());
		assertThat(IpAddress.parse("192.0.2.15").orElseThrow().isIpv6()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "10.0.0.1:8080", "999.1.1.1", "10.0.0", "10.0.0.1.2", "010.0.0.1", "1.2.3.-4",
			"pod.local", "cafe", "localhost", "2001:db8::1::2", "2001:db8:1:2:3:4:5:6:7", "2001:db8:1:2:3:4:5",
			"[2001:db8::1]", "2001:db8::1%eth0", "2001:db8::12345", "::ffff:999.0.0.1", "1:2:3:4:5:6:7::8.8.8.8" })
	void textsThatAreNotIpAddressLiteralsAreRejected(String text) {
		assertThat(IpAddress.parse(text)).isEmpty();
	}

}
