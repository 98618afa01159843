package io.verrou;

import java.nio.file.Path;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Verrou's own settings, bound from {@code verrou.*} properties or the matching environment variables
 * ({@code VERROU_DATA_DIR}, {@code VERROU_DEMO}, {@code VERROU_DEMO_PASSWORD}, {@code VERROU_MASTER_KEY}).
 *
 * @param dataDir      where the embedded database, the key file and the logs live
 * @param demo         whether to create the demo tenant and accounts (once) at start
 * @param demoPassword the demo accounts' password; a random one is made when empty
 * @param masterKey    base64 of the 32-byte key that seals secrets; a key file in {@code dataDir} when empty
 */
@ConfigurationProperties("verrou")
public record VerrouProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("false") boolean demo,
        Optional<String> demoPassword,
        Optional<String> masterKey) {

    public VerrouProperties {
        demoPassword = demoPassword == null ? Optional.empty() : demoPassword.filter(p -> !p.isBlank());
        masterKey = masterKey == null ? Optional.empty() : masterKey.filter(k -> !k.isBlank());
    }
}
