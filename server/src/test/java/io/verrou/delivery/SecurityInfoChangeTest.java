package io.verrou.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import io.verrou.audit.ClientInfo;

import org.junit.jupiter.api.Test;

class SecurityInfoChangeTest {

    private static final Instant WHEN = Instant.parse("2025-03-12T14:03:00Z");

    @Test
    void aChangeMadeFromARequestCarriesItsAddressAndUserAgent() {
        SecurityInfoChange change = SecurityInfoChange.of(ChangeKind.PASSWORD_CHANGED, "", WHEN,
                new ClientInfo("203.0.113.7", "Firefox/128.0"));

        assertThat(change.ip()).isEqualTo("203.0.113.7");
        assertThat(change.browser()).isEqualTo("Firefox/128.0");
        assertThat(change.detail()).isEmpty();
    }

    @Test
    void aLongUserAgentIsCutSoThatTheEmailStaysReadable() {
        SecurityInfoChange change = new SecurityInfoChange(ChangeKind.METHOD_ADDED, "Phone", WHEN, "203.0.113.7",
                "Mozilla/5.0 ".repeat(100));

        assertThat(change.browser()).hasSize(SecurityInfoChange.MAX_BROWSER).endsWith("…").startsWith("Mozilla/5.0 Mozilla");
    }

    @Test
    void nothingIsLeftNullNotEvenWhatNoBrowserSent() {
        assertThatThrownBy(() -> new SecurityInfoChange(ChangeKind.METHOD_ADDED, "Phone", WHEN, null, ""))
                .isInstanceOf(NullPointerException.class).hasMessage("ip");
        assertThatThrownBy(() -> new SecurityInfoChange(null, "", WHEN, "", ""))
                .isInstanceOf(NullPointerException.class).hasMessage("kind");
    }
}
