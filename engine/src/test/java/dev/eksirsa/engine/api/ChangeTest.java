package dev.eksirsa.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChangeTest {

    @Test
    void toMap_create_hasTheFourContractKeys() {
        Change change = Change.create("OidcProvider", "arn:aws:iam::111122223333:oidc-provider/x", "client id sts");

        assertThat(change.toMap())
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("action", "CREATE"),
                        org.assertj.core.api.Assertions.entry("kind", "OidcProvider"),
                        org.assertj.core.api.Assertions.entry("id", "arn:aws:iam::111122223333:oidc-provider/x"),
                        org.assertj.core.api.Assertions.entry("detail", "client id sts"));
    }

    @Test
    void constructor_multiLineDetail_isRejected() {
        assertThatThrownBy(() -> Change.update("IamRole", "r", "a\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exceptions_carryTypeFieldAndRequestId() {
        InvalidInputException invalid = new InvalidInputException("subnetIds", "must be a subnet id");
        assertThat(invalid.type()).isEqualTo("InvalidInput");
        assertThat(invalid.field()).isEqualTo("subnetIds");
        assertThat(invalid.getMessage()).isEqualTo("invalid subnetIds: must be a subnet id");

        AccessDeniedException denied = new AccessDeniedException("creation of IAM role \"x\" failed", "req-1", null);
        assertThat(denied.type()).isEqualTo("AccessDenied");
        assertThat(denied.requestId()).contains("req-1");
        assertThat(denied.getMessage()).contains("request id req-1");

        assertThat(new ConflictException("c").type()).isEqualTo("Conflict");
        assertThat(new WaitTimeoutException("EKS cluster \"a\"", "ACTIVE", 3, java.time.Duration.ofSeconds(190), null)
                        .getMessage())
                .isEqualTo("timed out waiting for EKS cluster \"a\" to become ACTIVE after 3 attempts (3m10s)");
        assertThat(new EksIrsaException("x").requestId()).isEmpty();
    }
}
