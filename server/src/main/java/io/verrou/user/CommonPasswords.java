package io.verrou.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The most common passwords (SPEC S9), from {@code passwords/common-passwords.txt}, kept in their folded form
 * (see {@link PasswordRules#fold}) so that {@code Password1!} counts as {@code password1}.
 */
@Component
public class CommonPasswords {

    static final String LIST = "passwords/common-passwords.txt";

    private final Set<String> folded = new HashSet<>();
    /** Folded entries as code points, by length, so that a look-up only compares the lengths that can match. */
    private final Map<Integer, List<int[]>> byLength = new HashMap<>();

    public CommonPasswords() {
        try (InputStream in = CommonPasswords.class.getClassLoader().getResourceAsStream(LIST)) {
            if (in == null) {
                // Starting without the list would quietly accept the passwords attackers try first.
                throw new IllegalStateException("Missing " + LIST);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    add(PasswordRules.fold(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String entry) {
        if (folded.add(entry)) {
            int[] codePoints = entry.codePoints().toArray();
            byLength.computeIfAbsent(codePoints.length, length -> new ArrayList<>()).add(codePoints);
        }
    }

    /**
     * Whether a folded password is a listed one, or one insertion, deletion or substitution away from one:
     * {@code password12} is no safer than {@code password1}.
     */
    public boolean isCommon(String folded) {
        if (this.folded.contains(folded)) {
            return true;
        }
        int[] candidate = folded.codePoints().toArray();
        for (int length = candidate.length - 1; length <= candidate.length + 1; length++) {
            for (int[] entry : byLength.getOrDefault(length, List.of())) {
                if (withinOneEdit(candidate, entry)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Edit distance at most 1, for lengths at most 1 apart: skip the common prefix, then the rest must match. */
    static boolean withinOneEdit(int[] a, int[] b) {
        int[] shorter = a.length <= b.length ? a : b;
        int[] longer = shorter == a ? b : a;
        int i = 0;
        while (i < shorter.length && shorter[i] == longer[i]) {
            i++;
        }
        if (i == shorter.length) {
            return longer.length - shorter.length <= 1;
        }
        int skip = shorter.length == longer.length ? i + 1 : i;
        return Arrays.equals(shorter, skip, shorter.length, longer, i + 1, longer.length);
    }
}
