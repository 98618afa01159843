package io.verrou.method.recovery;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.verrou.crypto.KeyedHash;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's recovery codes: ten of ten characters, drawn from letters and digits that can't be mistaken for one
 * another, shown once in groups of five, kept only as keyed hashes. Each is good once.
 */
@Repository
public class RecoveryCodes {

    static final int COUNT = 10;
    static final int LENGTH = 10;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final String PURPOSE = "recovery-code";

    private final JdbcClient jdbc;
    private final KeyedHash hashes;
    private final SecureRandom random;
    private final Clock clock;

    public RecoveryCodes(JdbcClient jdbc, KeyedHash hashes, SecureRandom random, Clock clock) {
        this.jdbc = jdbc;
        this.hashes = hashes;
        this.random = random;
        this.clock = clock;
    }

    /** A new set, as shown: {@code ABCDE-FGHJK}. */
    List<String> generate() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < LENGTH; c++) {
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            codes.add(code.substring(0, 5) + "-" + code.substring(5));
        }
        return codes;
    }

    /** Makes {@code codes} the method's set; the old set stops working. */
    @Transactional
    void replace(UUID methodId, List<String> codes) {
        jdbc.sql("DELETE FROM recovery_code WHERE method_id = :methodId").param("methodId", methodId).update();
        for (String code : codes) {
            jdbc.sql("INSERT INTO recovery_code (method_id, code_hash) VALUES (:methodId, :hash)")
                    .param("methodId", methodId).param("hash", hashes.hash(PURPOSE, normalised(code))).update();
        }
    }

    /** Uses the code if it is one of the set and unused: at most once, whatever the number of requests at once. */
    boolean use(UUID methodId, String typed) {
        String code = normalised(typed);
        if (code.length() != LENGTH) {
            return false;
        }
        return jdbc.sql("UPDATE recovery_code SET used_at = :now WHERE method_id = :methodId AND code_hash = :hash AND used_at IS NULL")
                .param("now", Timestamp.from(clock.instant())).param("methodId", methodId)
                .param("hash", hashes.hash(PURPOSE, code)).update() == 1;
    }

    /** How many of the set are still unused. */
    public int remaining(UUID methodId) {
        return jdbc.sql("SELECT COUNT(*) FROM recovery_code WHERE method_id = :methodId AND used_at IS NULL")
                .param("methodId", methodId).query(Integer.class).single();
    }

    /** As typed, with or without the dash or spaces, in either case. */
    static String normalised(String typed) {
        String kept = typed.length() > 64 ? "" : typed;
        return kept.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}
