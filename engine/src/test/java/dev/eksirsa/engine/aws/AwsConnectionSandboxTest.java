package dev.eksirsa.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.eksirsa.engine.api.AccessDeniedException;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.eks.ClusterReconciler;
import dev.eksirsa.engine.aws.eks.IssuerThumbprint;
import dev.eksirsa.engine.cluster.ClusterSpec;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RunsAgainst(Backend.SANDBOX_SDK)
class AwsConnectionSandboxTest {
    private static Sandbox sandbox;
    private static String readOnlyRole;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withClusterActivationDelay(Duration.ofMillis(200)));
        String account = sandbox.primary().accountId();
        try (AwsClients admin = admin().open()) {
            readOnlyRole = admin.iam()
                    .createRole(b -> b.roleName("reader")
                            .assumeRolePolicyDocument(
                                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                                            + "\"arn:aws:iam::" + account
                                            + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"))
                    .role()
                    .arn();
            admin.iam()
                    .putRolePolicy(
                            b -> b.roleName("reader")
                                    .policyName("read")
                                    .policyDocument(
                                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"eks:Describe*\","
                                                    + "\"eks:List*\",\"iam:Get*\",\"iam:List*\",\"ec2:Describe*\"],\"Resource\":\"*\"}]}"));
            ClusterReconciler reconciler = new ClusterReconciler(
                    admin,
                    IssuerThumbprint.withExtraTrust(
                            sandbox.certificateAuthority().rootPem()),
                    ProgressListener.NONE);
            reconciler.reconcile(ClusterSpec.builder("shared")
                    .create(true)
                    .pollInterval(Duration.ofMillis(50))
                    .build());
            admin.iam()
                    .deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(admin.iam()
                            .listOpenIDConnectProviders()
                            .openIDConnectProviderList()
                            .get(0)
                            .arn()));
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static AwsConnection admin() {
        return AwsConnection.of(
                        CredentialsSource.staticKeys(
                                sandbox.primary().accessKeyId(),
                                sandbox.primary().secretAccessKey(),
                                null),
                        sandbox.region())
                .withEndpoint(sandbox.awsEndpoint());
    }

    @Test
    void open_withAssumeRole_callsAsTheRoleSession() {
        AwsConnection connection = admin().withAssumeRole(new AssumeRole(readOnlyRole, null, "eks-irsa-build-7", null));

        try (AwsClients clients = connection.open()) {
            assertThat(clients.sts().getCallerIdentity().arn())
                    .isEqualTo(
                            "arn:aws:sts::" + sandbox.primary().accountId() + ":assumed-role/reader/eks-irsa-build-7");
        }
    }

    @Test
    void close_closesEveryClientItOpened() {
        AwsClients clients = admin().withAssumeRole(new AssumeRole(readOnlyRole, null, "closing", null))
                .open();
        clients.sts().getCallerIdentity();

        clients.close();

        // everything is closed with it, and nothing can be reopened through it by mistake
        assertThat(catchThrowable(clients::sts)).isInstanceOf(IllegalStateException.class);
        assertThat(catchThrowable(clients::iam)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reconcile_deniedWrite_isAccessDeniedNamingTheResourceWithRequestIdAndNoSecret() {
        AwsConnection connection = admin().withAssumeRole(new AssumeRole(readOnlyRole, null, "ro", null));
        Throwable failure;
        try (AwsClients clients = connection.open()) {
            failure = catchThrowable(() -> new ClusterReconciler(
                            clients,
                            IssuerThumbprint.withExtraTrust(
                                    sandbox.certificateAuthority().rootPem()),
                            ProgressListener.NONE)
                    .reconcile(ClusterSpec.existing("shared")));
        }

        assertThat(failure).isInstanceOfSatisfying(AccessDeniedException.class, e -> {
            assertThat(e.getMessage()).contains("creation of IAM OIDC provider arn:aws:iam::");
            assertThat(e.requestId()).isPresent();
            assertThat(e.getMessage()).doesNotContain(sandbox.primary().secretAccessKey());
        });
    }
}
