package io.verrou.oidc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.verrou.method.MethodKinds;
import io.verrou.signin.Factors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * What a sign-in proved, as apps are told it: {@code amr} (RFC 8176) from the factors the session holds, and
 * {@code acr}, one of Verrou's documented values.
 */
@Component
public class AuthenticationContext {

    /** A password alone (or a remembered browser's earlier proof is not counted). */
    public static final String ACR_PASSWORD = "urn:verrou:acr:pwd";
    /** A second factor was proved in this sign-in, or by a browser remembered for it. */
    public static final String ACR_MFA = "urn:verrou:acr:mfa";
    /** The values discovery lists. */
    public static final List<String> ACR_VALUES = List.of(ACR_PASSWORD, ACR_MFA);

    private final MethodKinds kinds;

    public AuthenticationContext(MethodKinds kinds) {
        this.kinds = kinds;
    }

    /** The {@code amr} values of a sign-in: {@code pwd}, each factor's own, and {@code mfa} once a second is proved. */
    public List<String> amr(Authentication authentication) {
        Set<String> amr = new LinkedHashSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (!(authority instanceof FactorGrantedAuthority)) {
                continue;
            }
            String factor = authority.getAuthority();
            if (Factors.PASSWORD.equals(factor)) {
                amr.add("pwd");
            } else if (Factors.TAP.equals(factor)) {
                // A pass an administrator handed over: a one-time code that stands for both factors.
                amr.add("otp");
            } else {
                amr.addAll(kinds.amr(factor));
            }
        }
        if (Factors.mfaDone(authentication)) {
            amr.add("mfa");
        }
        return new ArrayList<>(amr);
    }

    /** The {@code acr} value of a sign-in. */
    public String acr(Authentication authentication) {
        return Factors.mfaDone(authentication) ? ACR_MFA : ACR_PASSWORD;
    }
}
