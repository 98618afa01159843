package io.verrou.delivery;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import io.verrou.delivery.DeliveryFailedException.Failure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a real provider: one client with a connect timeout, the same timeout for the answer, no
 * redirects, and every failure turned into a {@link DeliveryFailedException} and one log line that names the
 * provider, the channel, the number's last two digits and the failure, nothing more.
 */
public final class ProviderHttp {

    private static final Logger log = LoggerFactory.getLogger(ProviderHttp.class);

    private final String provider;
    private final Duration timeout;
    private final HttpClient client;

    public ProviderHttp(String provider, Duration timeout) {
        this.provider = provider;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Sends the request and returns the response when its status is 2xx.
     *
     * @param channel {@code sms} or {@code voice}, for the log
     * @param to      the recipient, of which the log shows the last two digits
     * @throws DeliveryFailedException on anything else
     */
    public HttpResponse<String> send(HttpRequest.Builder request, String channel, String to) {
        HttpResponse<String> response;
        try {
            response = client.send(request.timeout(timeout).header("User-Agent", "Verrou").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw failed(channel, to, Failure.TIMEOUT, "no answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw failed(channel, to, Failure.UNREACHABLE, "could not connect (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(channel, to, Failure.OTHER, "interrupted", e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            // The body may echo the number or the text: it stays out of the log and the exception.
            Failure failure = status >= 400 && status < 500 ? Failure.REJECTED : Failure.PROVIDER_ERROR;
            throw failed(channel, to, failure, "HTTP " + status, null);
        }
        return response;
    }

    private DeliveryFailedException failed(String channel, String to, Failure failure, String detail, Throwable cause) {
        String message = provider + " " + channel + " to " + Recipients.masked(to) + " failed: "
                + failure.name().toLowerCase(java.util.Locale.ROOT) + ", " + detail;
        log.warn(message);
        return new DeliveryFailedException(failure, message, cause);
    }

    /** Logs an accepted delivery: provider, channel, last two digits and the provider's id. */
    public void accepted(String channel, String to, String providerId) {
        log.info("{} {} to {} accepted ({})", provider, channel, Recipients.masked(to), providerId);
    }
}
