package io.verrou.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.verrou.TestAccounts;
import io.verrou.TestBrowser;
import io.verrou.VerrouTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Prometheus metrics (SPEC S12): only for the scraper's token, never for a browser or an admin API token. */
@VerrouTest
class MetricsTests {

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;

    @Test
    void theScraperWithTheMetricsTokenReadsThemAndNobodyElseDoes() throws Exception {
        new TestBrowser(port).signIn(accounts.newUser().email(), TestAccounts.PASSWORD);

        HttpResponse<String> scraped = get("Bearer test-only-metrics-token-0123456789");
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds");
        assertThat(scraped.headers().firstValue("Set-Cookie")).isEmpty();

        assertThat(get(null).statusCode()).isEqualTo(401);
        assertThat(get("Bearer wrong-token-0123456789abcdef").statusCode()).isEqualTo(401);
        assertThat(new TestBrowser(port).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(new TestBrowser(port).getJson("/actuator/health").status()).as("health stays open").isEqualTo(200);
    }

    private HttpResponse<String> get(String authorization) throws Exception {
        // As Prometheus asks: its text format.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Accept", "text/plain;version=0.0.4;q=0.9,*/*;q=0.1");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
