package io.verrou.authenticator;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Which request {@code approve} and {@code deny} answer: the one given with {@code --request}, or else the only
 * pending one.
 */
final class RequestChoice {

    private RequestChoice() {
    }

    /**
     * Chooses the request to answer.
     *
     * @param api       the device API client
     * @param account   the account
     * @param requestId the {@code --request} value, if given
     * @param zone      the zone to show times in
     * @param err       where to list the requests when there are several
     * @return the request id
     * @throws AuthenticatorException refused (exit 1) when nothing is pending, failed (exit 2) when several are
     * @throws InterruptedException   if interrupted while waiting for the server
     */
    static String choose(AuthenticatorApi api, Account account, Optional<String> requestId, ZoneId zone,
                         PrintWriter err) throws InterruptedException {
        if (requestId.isPresent()) {
            return AuthenticatorApi.requireRequestId(requestId.get().strip());
        }
        List<PendingRequest> pending = api.pendingNow(account);
        if (pending.isEmpty()) {
            throw AuthenticatorException.refused("No pending request for " + Display.safe(account.label()) + ".");
        }
        if (pending.size() > 1) {
            err.println("Pending requests:");
            pending.forEach(request -> err.println("  " + Display.request(request, zone)));
            throw AuthenticatorException.failed("Several requests are pending: choose one with --request ID.");
        }
        return pending.get(0).id();
    }
}
