package dev.eksirsa.sandbox.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxClients;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

@RunsAgainst(Backend.SANDBOX_SDK)
class SandboxParityTest extends AwsParityContract {
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(dev.eksirsa.sandbox.SandboxOptions.defaults()
                .withClusterActivationDelay(java.time.Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Override
    SandboxClients clients() {
        return SandboxClients.admin(sandbox, sandbox.primary());
    }

    @Override
    String accountId() {
        return sandbox.primary().accountId();
    }

    /** AWS's IAM API reference: policy documents come back URL-encoded (RFC 3986); the sandbox does so. */
    @Test
    void getRole_returnsTrustPolicyUrlEncoded_asIamDoes() {
        try (IamClient iam = clients().iam()) {
            String trust =
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                            + accountId() + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
            iam.createRole(b -> b.roleName("encoded").assumeRolePolicyDocument(trust));
            assertThat(iam.getRole(b -> b.roleName("encoded")).role().assumeRolePolicyDocument())
                    .startsWith("%7B%22Version%22");
        }
    }
}
