package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.AssumeRole;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsConnection;
import dev.eksirsa.engine.aws.eks.ClusterReconciler;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import dev.eksirsa.engine.cluster.ClusterResult;
import dev.eksirsa.engine.cluster.ClusterSpec;
import dev.eksirsa.sandbox.Sandbox;
import java.time.Duration;

/** Engine connections to a sandbox (see {@link SandboxAws}) and clusters made by the engine's cluster step. */
final class KubeFixtures {
    private KubeFixtures() {}

    static AwsConnection admin(Sandbox sandbox) {
        return SandboxAws.connection(sandbox, sandbox.primary());
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

    static ClusterSpec.Builder create(String name) {
        return ClusterSpec.builder(name)
                .create(true)
                .pollInterval(Duration.ofMillis(100))
                .timeout(Duration.ofSeconds(30));
    }

    /** Runs the cluster step with the Kubernetes access check, as the CLI does. */
    static ClusterResult reconcile(Sandbox sandbox, AwsClients aws, ClusterSpec spec, ProgressListener progress) {
        return new ClusterReconciler(aws, SandboxAws.thumbprints(sandbox), progress, new KubeAccessCheck(aws, null))
                .reconcile(spec);
    }
}
