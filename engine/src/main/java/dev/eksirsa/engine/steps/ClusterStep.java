package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.eks.ClusterReconciler;
import dev.eksirsa.engine.aws.eks.IssuerThumbprint;
import dev.eksirsa.engine.cluster.ClusterArgs;
import dev.eksirsa.engine.cluster.ClusterResult;
import dev.eksirsa.engine.cluster.ClusterSpec;
import dev.eksirsa.engine.kube.EksClusterClients;
import dev.eksirsa.engine.kube.KubeAccessCheck;
import dev.eksirsa.engine.kube.KubeClientOptions;
import java.util.List;
import java.util.Map;

/** {@code eksIrsaCluster}: ensure the cluster and its IAM OIDC provider. */
public final class ClusterStep implements Step<ClusterSpec, ClusterResult> {

    @Override
    public String command() {
        return "cluster";
    }

    @Override
    public String pipelineName() {
        return "eksIrsaCluster";
    }

    @Override
    public Map<String, Object> minimalArguments() {
        return Map.of("name", "example");
    }

    @Override
    public List<String> resultKeys() {
        return List.of(
                "name",
                "arn",
                "accountId",
                "region",
                "status",
                "version",
                "endpoint",
                "certificateAuthority",
                "oidcIssuer",
                "oidcProviderArn",
                "created",
                "oidcProviderCreated",
                "nodeGroups",
                "changes",
                "warnings",
                "dryRun");
    }

    @Override
    public ArgumentSet arguments() {
        return ClusterArgs.ARGUMENTS;
    }

    @Override
    public ClusterSpec parse(Map<String, ?> arguments) {
        return ClusterSpec.fromArguments(arguments);
    }

    @Override
    public ClusterResult run(ClusterSpec spec, StepContext context) {
        Deadline deadline = Deadline.after(spec.timeout());
        try (AwsClients clients =
                context.connections().resolve(spec.connection(), null).open()) {
            return new ClusterReconciler(
                            clients,
                            IssuerThumbprint.fromEnvironment(context.environment())
                                    .withProxy(context.proxy()),
                            context.progress(),
                            new KubeAccessCheck(
                                    clients,
                                    EksClusterClients.stsEndpointForTokens(clients),
                                    KubeClientOptions.PROBE.withProxy(context.proxy())))
                    .reconcile(spec, deadline);
        }
    }
}
