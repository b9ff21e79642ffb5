package dev.eksirsa.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.aws.EnvironmentConnectionResolver;
import dev.eksirsa.engine.aws.StoredCredentials;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The global configuration's "Test connection": who stored credentials act as, and a clear error when wrong. */
@RunsAgainst(Backend.SANDBOX_SDK)
class CallerIdentityTest {
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = SandboxAws.fastSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static StepContext context(StoredCredentials keys) {
        Map<String, String> env = Map.of("AWS_REGION", sandbox.region());
        return new StepContext(new EnvironmentConnectionResolver(env, false, Map.of("aws", keys)), env, null);
    }

    private static ConnectionRef ref() {
        return ConnectionRef.fromArguments(Steps.CLUSTER
                .arguments()
                .parse(Map.of(
                        "name",
                        "x",
                        "credentialsId",
                        "aws",
                        "endpointUrl",
                        sandbox.awsEndpoint().toString())));
    }

    @Test
    void storedCredentials_actAsTheirAccount() {
        StoredCredentials keys = StoredCredentials.keys(
                sandbox.primary().accessKeyId(), sandbox.primary().secretAccessKey(), null);
        assertThat(CallerIdentity.arn(ref(), context(keys)))
                .isEqualTo(sandbox.primary().arn());
    }

    @Test
    void wrongKeys_failClearly_withoutQuotingThem() {
        StoredCredentials wrong = StoredCredentials.keys(sandbox.primary().accessKeyId(), "not-the-secret-x1y2", null);
        assertThatThrownBy(() -> CallerIdentity.arn(ref(), context(wrong)))
                .isInstanceOf(EksIrsaException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret-x1y2"));
    }
}
