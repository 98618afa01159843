package io.verrou.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StateStoreTest {

    @TempDir
    Path temporary;

    private final Account alice = TestAccounts.account("Contoso", "alice@contoso.example",
            "https://verrou.contoso.example", "JBSWY3DPEHPK3PXP");

    @Test
    void aMissingFileIsAnEmptyState() {
        assertThat(new StateStore(temporary.resolve("home")).load().accounts()).isEmpty();
    }

    @Test
    void savedStateReadsBackTheSame() {
        StateStore store = new StateStore(temporary.resolve("home"));

        store.save(AuthenticatorState.empty().withAccount(alice));

        assertThat(store.load()).isEqualTo(AuthenticatorState.empty().withAccount(alice));
    }

    @Test
    void theDirectoryIsCreatedOwnerOnlyAndTheFileOwnerReadWriteOnly() throws Exception {
        Path home = temporary.resolve("nested/home");
        StateStore store = new StateStore(home);

        store.save(AuthenticatorState.empty().withAccount(alice));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void savingReplacesTheFileWithAnOwnerOnlyOneAndLeavesNoTemporaryFile() throws Exception {
        StateStore store = new StateStore(temporary.resolve("home"));
        store.save(AuthenticatorState.empty());
        // As if someone had loosened it: the next save must not keep the loose mode.
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));

        store.save(AuthenticatorState.empty().withAccount(alice));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(store.file().getParent())) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("state.json");
        }
        assertThat(store.load().accounts()).containsExactly(alice);
    }

    @Test
    void theFileHoldsTheServerDeviceIdIssuerNameTotpAndPrivateKeyOfEachAccount() throws Exception {
        StateStore store = new StateStore(temporary.resolve("home"));

        store.save(AuthenticatorState.empty().withAccount(alice));

        JsonNode file = JsonMapper.builder().build().readTree(Files.readAllBytes(store.file()));
        JsonNode account = file.path("accounts").get(0);
        assertThat(file.path("version").asInt()).isEqualTo(1);
        assertThat(names(account)).containsExactlyInAnyOrder(
                "server", "deviceId", "issuer", "name", "totp", "privateKeyPkcs8");
        assertThat(names(account.path("totp"))).containsExactlyInAnyOrder("secret", "algorithm", "digits", "period");
        assertThat(account.path("privateKeyPkcs8").asString()).isEqualTo(alice.privateKeyPkcs8());
    }

    @Test
    void aDamagedFileIsReportedWithoutQuotingIt() throws Exception {
        StateStore store = new StateStore(temporary.resolve("home"));
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), "{\"version\": 1, \"accounts\": [{\"privateKeyPkcs8\": TOP-SECRET-KEY",
                StandardCharsets.UTF_8);

        assertThatThrownBy(store::load)
                .isInstanceOf(AuthenticatorException.class)
                .hasMessageContaining("is damaged")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void aFileOfAnotherFormatVersionIsNotRead() throws Exception {
        StateStore store = new StateStore(temporary.resolve("home"));
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), "{\"version\": 2, \"accounts\": []}", StandardCharsets.UTF_8);

        assertThatThrownBy(store::load).isInstanceOf(AuthenticatorException.class).hasMessageContaining("version 2");
    }

    @Test
    void accountsKeepTheirSecretsOutOfToString() {
        assertThat(alice.toString())
                .contains("Contoso:alice@contoso.example")
                .doesNotContain(alice.privateKeyPkcs8())
                .doesNotContain("JBSWY3DPEHPK3PXP");
    }

    private static Set<String> names(JsonNode node) {
        return node.propertyNames().stream().collect(Collectors.toSet());
    }
}
