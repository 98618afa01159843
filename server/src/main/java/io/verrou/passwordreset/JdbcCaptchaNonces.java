package io.verrou.passwordreset;

import java.time.Instant;

import io.verrou.Timestamps;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The CAPTCHA puzzles already answered, in {@code captcha_nonce}: one insert per answer, atomic across nodes.
 */
@Repository
class JdbcCaptchaNonces {

    private final JdbcClient jdbc;

    JdbcCaptchaNonces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether this is the first time the nonce is used; expired nonces are forgotten on the way. */
    boolean useOnce(String nonce, Instant expires, Instant now) {
        jdbc.sql("DELETE FROM captcha_nonce WHERE expires_at < :now").param("now", Timestamps.toColumn(now)).update();
        try {
            jdbc.sql("INSERT INTO captcha_nonce (nonce, expires_at) VALUES (:nonce, :expires)")
                    .param("nonce", nonce)
                    .param("expires", Timestamps.toColumn(expires))
                    .update();
            return true;
        } catch (DuplicateKeyException alreadyUsed) {
            return false;
        }
    }
}
