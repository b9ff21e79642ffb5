package dev.eksirsa.engine.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.engine.kube.ServiceAccountBinder;
import dev.eksirsa.engine.kube.ServiceAccountOptions;
import org.junit.jupiter.api.Test;

class ServiceAccountAnnotationsTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/irsa";

    @Test
    void defaultAudience_isNotAnnotated_otherAudiencesAre() {
        assertThat(ServiceAccountBinder.desiredAnnotations(
                        ROLE, IrsaRoleSpec.DEFAULT_AUDIENCE, ServiceAccountOptions.DEFAULTS))
                .containsOnlyKeys(ServiceAccountBinder.ROLE_ARN);
        assertThat(ServiceAccountBinder.desiredAnnotations(ROLE, "vault", ServiceAccountOptions.DEFAULTS))
                .containsEntry(ServiceAccountBinder.AUDIENCE, "vault");
    }

    @Test
    void webhookOptions_becomeTheirAnnotations() {
        assertThat(ServiceAccountBinder.desiredAnnotations(
                        ROLE, IrsaRoleSpec.DEFAULT_AUDIENCE, new ServiceAccountOptions(true, 3600, false)))
                .containsEntry(ServiceAccountBinder.REGIONAL, "true")
                .containsEntry(ServiceAccountBinder.EXPIRATION, "3600");
    }
}
