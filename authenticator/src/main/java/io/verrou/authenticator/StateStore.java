package io.verrou.authenticator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * Reads and writes the state file, {@code state.json} in the app's home directory.
 *
 * <p>The file holds private keys and TOTP secrets, so it is only ever readable by its owner: the directory is
 * created {@code rwx------}, and each save writes a new {@code rw-------} file beside the old one and renames it
 * over it. The rename is atomic, so a crash or a full disk never leaves a half-written file, and a {@code watch}
 * running meanwhile reads either the old or the new state.
 */
final class StateStore {

    /** The name of the state file in the home directory. */
    static final String FILE_NAME = "state.json";

    private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");

    private final Path home;

    /**
     * Creates a store for a home directory, which need not exist yet.
     *
     * @param home the app's home directory
     */
    StateStore(Path home) {
        this.home = Objects.requireNonNull(home, "home");
    }

    /**
     * Returns the path of the state file.
     *
     * @return {@code home/state.json}
     */
    Path file() {
        return home.resolve(FILE_NAME);
    }

    /**
     * Reads the state.
     *
     * @return the stored state, or an empty one when there is no state file yet
     * @throws AuthenticatorException (exit 2) if the file cannot be read or is not a state file
     */
    AuthenticatorState load() {
        Path file = file();
        if (!Files.exists(file)) {
            return AuthenticatorState.empty();
        }
        AuthenticatorState state;
        try {
            state = Json.MAPPER.readValue(Files.readAllBytes(file), AuthenticatorState.class);
        } catch (IOException e) {
            throw AuthenticatorException.failed("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (JacksonException e) {
            // Not Jackson's message: it may quote a piece of the file, which holds secrets.
            throw AuthenticatorException.failed("The state file " + file
                    + " is damaged (not the JSON this app writes): restore it from a backup or move it away.", e);
        }
        if (state.version() != AuthenticatorState.CURRENT_VERSION) {
            throw AuthenticatorException.failed("The state file " + file + " has format version " + state.version()
                    + ", which this version of the app does not read.");
        }
        return state;
    }

    /**
     * Creates the home directory if needed. Activation calls it before using the one-time code, so that a home
     * that cannot be written fails before the code is spent.
     *
     * @throws AuthenticatorException (exit 2) if the directory cannot be created
     */
    void prepare() {
        if (Files.isDirectory(home)) {
            return;
        }
        try {
            if (isPosix()) {
                Files.createDirectories(home, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
                // Again, explicitly: the creation mode is filtered by the umask.
                Files.setPosixFilePermissions(home, DIRECTORY_PERMISSIONS);
            } else {
                Files.createDirectories(home);
            }
        } catch (IOException e) {
            throw AuthenticatorException.failed("Cannot create the directory " + home + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the state, replacing the file atomically.
     *
     * @param state the state to keep
     * @throws AuthenticatorException (exit 2) if the file cannot be written
     */
    void save(AuthenticatorState state) {
        prepare();
        Path temporary = null;
        try {
            // Created with its final permissions, so that the secrets are never in a file others can read.
            FileAttribute<?>[] attributes = isPosix()
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS)}
                    : new FileAttribute<?>[0];
            temporary = Files.createTempFile(home, ".state-", ".tmp", attributes);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap(Json.PRETTY.writeValueAsBytes(state));
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                // On disk before the rename, or a crash could leave the new name on empty content.
                channel.force(true);
            }
            move(temporary, file());
            temporary = null;
        } catch (IOException e) {
            throw AuthenticatorException.failed("Cannot write " + file() + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so only exotic file systems get here; a plain replace is the best they offer.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The write already failed and is being reported; a stray temporary file is the lesser problem.
        }
    }

    private boolean isPosix() {
        return home.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
