package dev.eksirsa.engine.delegate;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The one place the token's value goes: an Opaque Secret's data, read by the pods through envFrom. */
final class DelegateSecrets {
    private DelegateSecrets() {}

    static Secret secret(ObjectMeta meta, String key, DelegateToken token) {
        return new SecretBuilder()
                .withMetadata(meta)
                .withType("Opaque")
                .addToData(key, Base64.getEncoder().encodeToString(token.token().getBytes(StandardCharsets.UTF_8)))
                .build();
    }
}
