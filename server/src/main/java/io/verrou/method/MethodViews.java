package io.verrou.method;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * How methods are described on pages: the kind's name ({@code method.kind.<id>}), what the method reaches as its
 * kind masks it, and how it starts a sign-in when it is the default.
 */
@Component
public class MethodViews {

    private final MethodKinds kinds;

    public MethodViews(MethodKinds kinds) {
        this.kinds = kinds;
    }

    public MethodView of(AuthMethod method) {
        AuthMethodKind kind = kinds.of(method);
        String nameKey = "method.kind." + kind.kind().id();
        String defaultKey = kinds.startingWay(method).flatMap(SignInWay::defaultLabelKey).orElse(nameKey);
        return new MethodView(method.id(), nameKey, kind.shownDetail(method), defaultKey, method.isDefault(),
                kind.changeable());
    }

    public List<MethodView> of(List<AuthMethod> methods) {
        return methods.stream().map(this::of).toList();
    }
}
