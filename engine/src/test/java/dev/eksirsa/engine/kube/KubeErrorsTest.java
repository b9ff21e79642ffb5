package dev.eksirsa.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.engine.api.AccessDeniedException;
import dev.eksirsa.engine.api.EksIrsaException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class KubeErrorsTest {
    private static final String REASON =
            "serviceaccounts \"app\" is forbidden: User \"arn:aws:iam::111122223333:user/ci\""
                    + " cannot patch resource \"serviceaccounts\" in API group \"\" in the namespace \"apps\"";

    @Test
    void translate_forbiddenWithTheServersReason_namesWhatWasRefused_andHowToGrantIt() {
        KubernetesClientException refused = new KubernetesClientException(new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(REASON)
                .build());

        EksIrsaException e = KubeErrors.translate(
                new KubeEndpoint(
                        "prod",
                        "https://kube.example",
                        java.util.Base64.getEncoder()
                                .encodeToString("-----BEGIN CERTIFICATE-----\n"
                                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                "annotating service account apps/app",
                refused);

        assertThat(e).isInstanceOf(AccessDeniedException.class);
        assertThat(e.getMessage())
                .contains("annotating service account apps/app on EKS cluster \"prod\" failed")
                .contains("(403 Forbidden): " + REASON)
                .contains("access policy allows this")
                .contains("--access-principal-arn");
    }
}
