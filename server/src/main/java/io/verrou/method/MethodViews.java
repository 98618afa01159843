package io.verrou.method;

import java.util.List;

import io.verrou.method.phone.PhoneNumbers;

import org.springframework.stereotype.Component;

/**
 * How methods are described on pages: names by kind, details masked.
 */
@Component
public class MethodViews {

    private final PhoneNumbers phones;

    public MethodViews(PhoneNumbers phones) {
        this.phones = phones;
    }

    public MethodView of(AuthMethod method) {
        String detail = switch (method.kind()) {
            case MOBILE_PHONE, OFFICE_PHONE, ALTERNATE_PHONE -> method.detail().map(phones::masked).orElse("");
            case EMAIL -> method.detail().map(MethodViews::maskedEmail).orElse("");
            case AUTHENTICATOR -> method.detail().orElse("");
            default -> "";
        };
        String defaultKey = "method.default." + method.kind().id()
                + method.channel().map(c -> "." + c).orElse("");
        return new MethodView(method.id(), "method.kind." + method.kind().id(), detail, defaultKey, method.isDefault(),
                method.kind() == MethodKind.MOBILE_PHONE);
    }

    /** An address with most of its name hidden: {@code a•••@example.org}. */
    public static String maskedEmail(String address) {
        int at = address.indexOf('@');
        return at <= 0 ? address : address.charAt(0) + "•••" + address.substring(at);
    }

    public List<MethodView> of(List<AuthMethod> methods) {
        return methods.stream().map(this::of).toList();
    }
}
