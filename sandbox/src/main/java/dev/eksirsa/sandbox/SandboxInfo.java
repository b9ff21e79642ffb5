package dev.eksirsa.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * What a client needs to use a running sandbox; written by {@code eks-irsa sandbox --info FILE}. Holds the
 * accounts' secret keys, so it only ever goes to a 0600 file.
 *
 * @param caPem the sandbox CA's root certificate: the OIDC issuer and the clusters' API servers chain to it
 * @param harnessEndpoint the Harness NextGen API emulator's base URL (plain http on loopback)
 * @param harnessApiKey the {@code x-api-key} of {@code harnessAccountId}: only in this file, never printed
 */
public record SandboxInfo(
        String awsEndpoint,
        String region,
        List<SandboxAccount> accounts,
        String oidcIssuerBaseUrl,
        String caPem,
        String harnessEndpoint,
        String harnessAccountId,
        String harnessApiKey) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SandboxInfo {
        accounts = List.copyOf(accounts);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SandboxInfo fromJson(String json) throws IOException {
        return JSON.readValue(json, SandboxInfo.class);
    }

    /** Writes the file atomically (temporary file, then rename), readable by its owner only. */
    public void writeTo(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".sandbox-info", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // non-POSIX file systems: the temporary file is already private to the user where supported
            }
            Files.writeString(temp, toJson(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public String toString() {
        return "SandboxInfo[awsEndpoint=" + awsEndpoint + ", region=" + region + ", accounts=" + accounts
                + ", harnessEndpoint=" + harnessEndpoint + ", harnessAccountId=" + harnessAccountId
                + ", harnessApiKey=****]";
    }
}
