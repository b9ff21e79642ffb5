package dev.eksirsa.engine.delegate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Specs, tokens and the downloaded-manifest fixtures shared by the delegate tests. */
final class DelegateFixtures {
    static final String TOKEN = "secret-delegate-token-42424242";
    static final String TOKEN_BASE64 = Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
    static final String IRSA_ACCOUNT = "delegate-irsa";
    static final String NAMESPACE = "harness-delegate-ng";

    private DelegateFixtures() {}

    static DelegateSpec.Builder spec() {
        return DelegateSpec.builder()
                .name("eks-delegate")
                .accountId("px7xd_BFRCi-pfWPYXVjvw")
                .managerUrl("https://app.harness.io/gratis")
                .image("us-docker.pkg.dev/gar-prod-setup/harness-public/harness/delegate:25.06.86100")
                .tag("eks")
                .tag("irsa")
                .description("EKS delegate with IRSA")
                .serviceAccount(IRSA_ACCOUNT);
    }

    static DelegateToken token() {
        return new DelegateToken(TOKEN);
    }

    static String resource(String name) {
        try (InputStream in = DelegateFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
