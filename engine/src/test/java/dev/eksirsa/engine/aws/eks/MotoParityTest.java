package dev.eksirsa.engine.aws.eks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsConnection;
import dev.eksirsa.engine.aws.CredentialsSource;
import dev.eksirsa.engine.cluster.ClusterResult;
import dev.eksirsa.engine.cluster.ClusterSpec;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.MotoServer;
import dev.eksirsa.testkit.RunsAgainst;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The create/describe/provider path against moto, AWS behaviour written by others. Moto's issuer URLs point at
 * the real oidc.eks host, so the thumbprint is not compared: unreachable from here means no thumbprint.
 */
@RunsAgainst(Backend.MOTO)
class MotoParityTest {

    @Test
    void reconcile_createThenRerun_createsClusterAndProviderThenChangesNothing() {
        MotoServer moto = MotoServer.shared();
        moto.reset();
        AwsConnection connection = AwsConnection.of(
                        CredentialsSource.staticKeys(
                                MotoServer.KEYS.accessKeyId(), MotoServer.KEYS.secretAccessKey(), null),
                        "us-east-1")
                .withEndpoint(moto.endpoint());
        IssuerThumbprint thumbprints = new IssuerThumbprint(List.of(), Duration.ofSeconds(3));
        ClusterSpec spec = ClusterSpec.builder("parity")
                .create(true)
                .pollInterval(Duration.ofMillis(200))
                .timeout(Duration.ofSeconds(30))
                .build();

        try (AwsClients aws = connection.open()) {
            ClusterResult first = new ClusterReconciler(aws, thumbprints, new SandboxAws.Lines()).reconcile(spec);
            ClusterResult again = new ClusterReconciler(aws, thumbprints, new SandboxAws.Lines()).reconcile(spec);

            assertThat(first.status()).isEqualTo("ACTIVE");
            assertThat(first.accountId()).isEqualTo(MotoServer.ACCOUNT_ID);
            assertThat(first.changes())
                    .extracting(c -> c.kind() + ":" + c.action())
                    .contains("IamRole:CREATE", "EksCluster:CREATE", "OidcProvider:CREATE");
            var provider = aws.iam().getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(first.oidcProviderArn()));
            assertThat(provider.clientIDList()).containsExactly("sts.amazonaws.com");
            assertThat(provider.tags())
                    .anyMatch(t -> t.key().equals("managed-by") && t.value().equals("eks-irsa"));
            assertThat(again.changes()).isEmpty();
            assertThat(again.toMap()).containsEntry("created", false).containsEntry("oidcProviderCreated", false);
            assertThat(Map.copyOf(first.toMap().entrySet().stream()
                            .filter(e -> e.getValue() != null)
                            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))))
                    .containsKeys("name", "arn", "endpoint", "oidcIssuer", "oidcProviderArn");
        }
    }
}
