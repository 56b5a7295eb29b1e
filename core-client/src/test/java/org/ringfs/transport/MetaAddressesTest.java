package org.ringfs.transport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One HOST:PORT or a comma-separated list of them; anything else is a usage error that says what is wrong. */
class MetaAddressesTest {

    @Test
    void aListNamesItsMembersInOrderWithoutSpaces() {
        assertThat(MetaAddresses.parse("127.0.0.1:7000", "--meta")).containsExactly("127.0.0.1:7000");
        assertThat(MetaAddresses.parse("a:7000, b.example:7001 ,10.0.0.3:65535", "--meta"))
                .containsExactly("a:7000", "b.example:7001", "10.0.0.3:65535");
        assertThat(MetaAddresses.parse("[::1]:7000,[fd00::2]:7000", "--meta")).containsExactly("[::1]:7000", "[fd00::2]:7000");
    }

    @Test
    void aBadMemberIsNamedInTheError() {
        assertThatThrownBy(() -> MetaAddresses.parse("a:7000,b", "--meta")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--meta wants HOST:PORT or a comma-separated list of them: 'b' in 'a:7000,b' is not HOST:PORT");
        assertThatThrownBy(() -> MetaAddresses.parse("a:7000,,b:7000", "--meta")).hasMessageContaining("'' in");
        assertThatThrownBy(() -> MetaAddresses.parse("a:70000", "--meta")).hasMessageContaining("'a:70000'");
        assertThatThrownBy(() -> MetaAddresses.parse("a:0", "--meta")).hasMessageContaining("'a:0'");
        assertThatThrownBy(() -> MetaAddresses.parse("a b:7000", "--meta")).hasMessageContaining("'a b:7000'");
        assertThatThrownBy(() -> MetaAddresses.parse("::1:7000", "--meta")).hasMessageContaining("'::1:7000'");
        assertThatThrownBy(() -> MetaAddresses.parse(" ", "meta.address")).hasMessageStartingWith("meta.address wants");
        assertThatThrownBy(() -> MetaAddresses.parse("a:7000,b:7000,a:7000", "--meta"))
                .hasMessage("--meta names meta member a:7000 twice in 'a:7000,b:7000,a:7000'");
    }
}
