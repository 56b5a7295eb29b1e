package org.ringfs.webdav.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class CsrfGuardTest {

    @Test
    void aTokenBelongsToOneUserAndOneFront() {
        CsrfGuard guard = new CsrfGuard();
        String alice = guard.token("alice");
        assertThat(guard.tokenValid(alice, "alice")).isTrue();
        assertThat(guard.tokenValid(alice, "bob")).isFalse();
        assertThat(guard.tokenValid(alice, null)).isFalse();
        assertThat(guard.tokenValid(null, "alice")).isFalse();
        assertThat(guard.tokenValid("", "alice")).isFalse();
        assertThat(guard.tokenValid(alice + "x", "alice")).isFalse();
        assertThat(new CsrfGuard().tokenValid(alice, "alice")).as("another front's key").isFalse();
        assertThat(guard.tokenValid(guard.token(null), null)).isTrue();
        assertThat(alice).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void onlyThisServersOriginMayPost() {
        String self = "http://127.0.0.1:7080";
        assertThat(CsrfGuard.sameOrigin("http://127.0.0.1:7080", null, self)).isTrue();
        assertThat(CsrfGuard.sameOrigin("HTTP://127.0.0.1:7080", null, self)).isTrue();
        assertThat(CsrfGuard.sameOrigin(null, "http://127.0.0.1:7080/a/b/?x", self)).isTrue();
        assertThat(CsrfGuard.sameOrigin("http://localhost", null, "http://localhost:80")).isTrue();
        assertThat(CsrfGuard.sameOrigin("https://evil.example", null, self)).isFalse();
        assertThat(CsrfGuard.sameOrigin("http://127.0.0.1:7081", null, self)).isFalse();
        assertThat(CsrfGuard.sameOrigin("https://127.0.0.1:7080", null, self)).isFalse();
        assertThat(CsrfGuard.sameOrigin("null", "http://127.0.0.1:7080/", self)).as("an opaque origin").isFalse();
        // the Origin decides when both are sent
        assertThat(CsrfGuard.sameOrigin("https://evil.example", "http://127.0.0.1:7080/", self)).isFalse();
        assertThat(CsrfGuard.sameOrigin(null, null, self)).isFalse();
        assertThat(CsrfGuard.sameOrigin("http://127.0.0.1:7080.evil.example", null, self)).isFalse();
        assertThat(CsrfGuard.sameOrigin("http://user@127.0.0.1:7080", null, self)).isTrue();
        assertThat(CsrfGuard.sameOrigin("ftp://127.0.0.1:7080", null, self)).isFalse();
        assertThat(CsrfGuard.sameOrigin("not a url", null, self)).isFalse();
    }
}
