package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.AssumeRole;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsConnection;
import dev.eksirsa.engine.aws.CredentialsSource;
import dev.eksirsa.engine.aws.eks.ClusterReconciler;
import dev.eksirsa.engine.aws.eks.ClusterResult;
import dev.eksirsa.engine.aws.eks.ClusterSpec;
import dev.eksirsa.engine.aws.eks.IssuerThumbprint;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sandbox, engine connections to it, and clusters made by the engine's cluster step. */
final class KubeFixtures {
    private KubeFixtures() {}

    static Sandbox fastSandbox() {
        return Sandbox.start(SandboxOptions.defaults().withClusterActivationDelay(Duration.ofMillis(300)));
    }

    static AwsConnection admin(Sandbox sandbox) {
        return AwsConnection.of(
                        CredentialsSource.staticKeys(
                                sandbox.primary().accessKeyId(),
                                sandbox.primary().secretAccessKey(),
                                null),
                        sandbox.region())
                .withEndpoint(sandbox.awsEndpoint());
    }

    /** A role of the primary account with AdministratorAccess in IAM but, so far, no access to any cluster. */
    static AwsConnection operator(Sandbox sandbox, String roleName) {
        try (AwsClients aws = admin(sandbox).open()) {
            aws.iam().createRole(b -> b.roleName(roleName)
                    .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Principal\":{\"AWS\":\"" + sandbox.primary().arn()
                            + "\"},\"Action\":\"sts:AssumeRole\"}]}"));
            aws.iam().attachRolePolicy(b -> b.roleName(roleName).policyArn(Sandbox.ADMINISTRATOR_ACCESS));
        }
        String arn = "arn:aws:iam::" + sandbox.primary().accountId() + ":role/" + roleName;
        return admin(sandbox).withAssumeRole(new AssumeRole(arn, null, "ops-session", null));
    }

    static IssuerThumbprint thumbprints(Sandbox sandbox) {
        return IssuerThumbprint.withExtraTrust(sandbox.certificateAuthority().rootPem());
    }

    static ClusterSpec.Builder create(String name) {
        return ClusterSpec.builder(name)
                .create(true)
                .pollInterval(Duration.ofMillis(100))
                .timeout(Duration.ofSeconds(30));
    }

    /** Runs the cluster step with the Kubernetes access check, as the CLI does. */
    static ClusterResult reconcile(Sandbox sandbox, AwsClients aws, ClusterSpec spec, ProgressListener progress) {
        return new ClusterReconciler(aws, thumbprints(sandbox), progress, new KubeAccessCheck(aws, null))
                .reconcile(spec);
    }

    /** Every progress line, prefixed with its level. */
    static final class Lines implements ProgressListener {
        final List<String> all = new ArrayList<>();

        @Override
        public synchronized void info(String line) {
            all.add("INFO " + line);
        }

        @Override
        public synchronized void warn(String line) {
            all.add("WARN " + line);
        }
    }
}
