package io.verrou.method;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * What kind of security info a method is, by its identifier in the policy and the database ({@code totp},
 * {@code mobile_phone}…). One instance per identifier, so kinds compare with {@code ==}; what a kind does is its
 * {@link AuthMethodKind}, found through {@link MethodKinds}.
 */
public final class MethodKind implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final ConcurrentMap<String, MethodKind> KNOWN = new ConcurrentHashMap<>();

    private final String id;

    private MethodKind(String id) {
        this.id = id;
    }

    /**
     * The kind of this identifier: lower-case letters, digits and underscores, 32 at most.
     *
     * @throws IllegalArgumentException for any other identifier
     */
    public static MethodKind of(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Not a method kind: " + id);
        }
        return KNOWN.computeIfAbsent(id, MethodKind::new);
    }

    /** The identifier used in the policy and the database. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    @Serial
    private Object readResolve() {
        return of(id);
    }
}
