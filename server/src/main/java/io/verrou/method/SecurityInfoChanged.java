package io.verrou.method;

import java.time.Instant;
import java.util.Optional;

import io.verrou.audit.ClientInfo;
import io.verrou.delivery.ChangeKind;
import io.verrou.user.User;

/**
 * Published after every change to a person's security info, so that whoever must react (the "Security info
 * changed" email) does, without the code that made the change knowing about it.
 *
 * @param user   whose security info changed
 * @param change what happened
 * @param method the method concerned, if one
 * @param client where the change came from
 * @param when   when it happened
 */
public record SecurityInfoChanged(User user, ChangeKind change, Optional<AuthMethod> method, ClientInfo client,
        Instant when) {
}
