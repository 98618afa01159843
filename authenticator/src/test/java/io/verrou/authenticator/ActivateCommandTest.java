package io.verrou.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ActivateCommandTest {

    @TempDir
    Path userHome;

    private Cli cli;
    private FakeVerrouServer server;

    @BeforeEach
    void start() throws Exception {
        cli = Cli.in(userHome);
        server = FakeVerrouServer.start(cli.clock());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Activates the fake server's account by typed code, as most command tests need. */
    static void activate(Cli cli, FakeVerrouServer server) {
        Cli.Result result = cli.run("activate", "--code", FakeVerrouServer.ACTIVATION_CODE, "--url", server.url());
        assertThat(result.exitCode()).as(result.all()).isZero();
    }

    @Test
    void aTypedCodeIgnoringSpacesHyphensAndCaseActivatesTheAccountAndSendsANewP256Key() throws Exception {
        Cli.Result result = cli.run("activate", "--code", "abcd efgh-IJKL mnop-qrst UVWX",
                "--url", server.url() + "/", "--name", "Alice's laptop");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).isEqualTo(
                "Activated alice@contoso.example (Contoso) on " + server.url() + System.lineSeparator());
        FakeVerrouServer.Recorded request = server.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery()).isEqualTo("/api/authenticator/v1/activations");
        JsonNode body = JsonMapper.builder().build().readTree(request.body());
        assertThat(body.path("code").asString()).isEqualTo("ABCDEFGHIJKLMNOPQRSTUVWX");
        assertThat(body.path("deviceName").asString()).isEqualTo("Alice's laptop");

        Account stored = new StateStore(cli.home()).load().select(java.util.Optional.empty());
        assertThat(stored.server()).isEqualTo(server.url());
        assertThat(stored.deviceId()).isEqualTo(FakeVerrouServer.DEVICE_ID);
        assertThat(stored.issuer()).isEqualTo("Contoso");
        assertThat(stored.name()).isEqualTo("alice@contoso.example");
        assertThat(stored.totp()).isEqualTo(new TotpSettings(FakeVerrouServer.TOTP_SECRET, "SHA1", 6, 30));
        // The key kept is the private half of the public key the server received.
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(stored.privateKey());
        signature.update(new byte[] {1, 2, 3});
        byte[] signed = signature.sign();
        signature.initVerify(server.devicePublicKey().orElseThrow());
        signature.update(new byte[] {1, 2, 3});
        assertThat(signature.verify(signed)).isTrue();
    }

    @Test
    void theQrImageOfThePageActivatesTheAccount() throws Exception {
        Path png = qrImage("verrou-authenticator://activate?url="
                + URLEncoder.encode(server.url(), StandardCharsets.UTF_8)
                + "&code=" + URLEncoder.encode("ABCD EFGH IJKL MNOP QRST UVWX", StandardCharsets.UTF_8));

        Cli.Result result = cli.run("activate", "--qr", png.toString());

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).startsWith("Activated alice@contoso.example (Contoso) on " + server.url());
        assertThat(server.received()).hasSize(1);
        JsonNode body = JsonMapper.builder().build().readTree(server.received().get(0).body());
        assertThat(body.path("code").asString()).isEqualTo(FakeVerrouServer.ACTIVATION_CODE);
        assertThat(body.path("deviceName").asString()).isEqualTo(ActivateCommand.DEFAULT_DEVICE_NAME);
    }

    @Test
    void theStateFileIsOwnerOnlyAndNeitherTheKeyNorTheSecretIsPrinted() throws Exception {
        Cli.Result result = cli.run("activate", "--code", FakeVerrouServer.ACTIVATION_CODE, "--url", server.url());

        assertThat(result.exitCode()).as(result.all()).isZero();
        Path file = cli.home().resolve("state.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.home()))).isEqualTo("rwx------");
        Account stored = new StateStore(cli.home()).load().accounts().get(0);
        String privateKey = stored.privateKeyPkcs8();
        assertThat(result.all())
                .doesNotContain(privateKey)
                .doesNotContain(privateKey.substring(privateKey.length() - 24))
                .doesNotContain(FakeVerrouServer.TOTP_SECRET);
        // Reading the key back as stored: base64 PKCS#8.
        assertThat(Base64.getDecoder().decode(privateKey)).isEqualTo(stored.privateKey().getEncoded());
    }

    @Test
    void aCodeTheServerRefusesExitsWith1AndSaysWhy() {
        Cli.Result result = cli.run("activate", "--code", "ZZZZ ZZZZ ZZZZ ZZZZ ZZZZ ZZZZ", "--url", server.url());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("unknown, already used or expired");
        assertThat(result.out()).isEmpty();
        assertThat(Files.exists(cli.home().resolve("state.json"))).isFalse();
    }

    @Test
    void aMalformedCodeIsAUsageErrorAndTheServerIsNotAsked() {
        Cli.Result result = cli.run("activate", "--code", "ABCD-EFGH-1234", "--url", server.url());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("24 characters");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void qrTogetherWithCodeIsAUsageError() {
        Cli.Result result = cli.run("activate", "--qr", "x.png", "--code", FakeVerrouServer.ACTIVATION_CODE,
                "--url", server.url());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("either --qr, or --code with --url");
    }

    @Test
    void aCodeWithoutUrlIsAUsageError() {
        Cli.Result result = cli.run("activate", "--code", FakeVerrouServer.ACTIVATION_CODE);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--code CODE and --url URL");
    }

    @Test
    void anImageWithoutAQrCodeIsAUsageError() throws Exception {
        Path png = userHome.resolve("blank.png");
        ImageIO.write(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB), "png", png.toFile());

        Cli.Result result = cli.run("activate", "--qr", png.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("No readable QR code in " + png + "." + System.lineSeparator());
    }

    @Test
    void aQrCodeThatIsNotAnActivationIsAUsageError() throws Exception {
        Path png = qrImage("otpauth://totp/Contoso:alice?secret=JBSWY3DPEHPK3PXP");

        Cli.Result result = cli.run("activate", "--qr", png.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("not a Verrou Authenticator activation");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aMissingImageFileIsAUsageError() {
        Cli.Result result = cli.run("activate", "--qr", userHome.resolve("nowhere.png").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("No such file: ");
    }

    @Test
    void anUnreachableServerExitsWith2WithAOneLineMessage() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Cli.Result result = cli.run("activate", "--code", FakeVerrouServer.ACTIVATION_CODE,
                "--url", "http://127.0.0.1:" + closedPort);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("Cannot reach the server at http://127.0.0.1:" + closedPort
                + ": connection refused." + System.lineSeparator());
    }

    @Test
    void aDamagedStateFileStopsActivationBeforeTheCodeIsSpent() throws Exception {
        Files.createDirectories(cli.home());
        Files.writeString(cli.home().resolve("state.json"), "not json");

        Cli.Result result = cli.run("activate", "--code", FakeVerrouServer.ACTIVATION_CODE, "--url", server.url());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is damaged");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void activatingTheSameAccountAgainReplacesItsDeviceKey() {
        activate(cli, server);
        String firstKey = new StateStore(cli.home()).load().accounts().get(0).privateKeyPkcs8();
        server.reissueCode();

        Cli.Result result = cli.run("activate", "--code", FakeVerrouServer.ACTIVATION_CODE, "--url", server.url());

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.err()).contains("replaces the earlier activation");
        assertThat(new StateStore(cli.home()).load().accounts())
                .singleElement()
                .satisfies(account -> assertThat(account.privateKeyPkcs8()).isNotEqualTo(firstKey));
    }

    private Path qrImage(String text) throws Exception {
        Path png = userHome.resolve("qr.png");
        MatrixToImageWriter.writeToPath(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 300, 300), "PNG", png);
        return png;
    }
}
