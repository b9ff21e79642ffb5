package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.Partitions;
import dev.eksirsa.engine.delegate.DelegateArgs;
import dev.eksirsa.engine.delegate.DelegateReconciler;
import dev.eksirsa.engine.delegate.DelegateResult;
import dev.eksirsa.engine.delegate.HarnessDelegateSpec;
import dev.eksirsa.engine.harness.HarnessClient;
import dev.eksirsa.engine.harness.HarnessConnection;
import dev.eksirsa.engine.kube.ClusterObjects;
import java.util.List;
import java.util.Map;

/** {@code harnessDelegate}: a Harness NG delegate under the IRSA service account, connected, with its connectors. */
public final class DelegateStep implements Step<HarnessDelegateSpec, DelegateResult> {

    @Override
    public String command() {
        return "delegate";
    }

    @Override
    public String pipelineName() {
        return "harnessDelegate";
    }

    @Override
    public Map<String, Object> minimalArguments() {
        return Map.of("cluster", "example", "name", "example", "accountId", "example");
    }

    @Override
    public List<String> resultKeys() {
        return List.of(
                "name",
                "namespace",
                "serviceAccount",
                "image",
                "readyReplicas",
                "connected",
                "connectors",
                "manifestFixes",
                "changes",
                "warnings",
                "dryRun");
    }

    @Override
    public ArgumentSet arguments() {
        return DelegateArgs.ARGUMENTS;
    }

    @Override
    public HarnessDelegateSpec parse(Map<String, ?> arguments) {
        return HarnessDelegateSpec.fromArguments(arguments);
    }

    @Override
    public DelegateResult run(HarnessDelegateSpec spec, StepContext context) {
        Deadline deadline = Deadline.after(spec.timeout());
        String apiKey = context.environment().get(spec.apiKeyEnv());
        if (apiKey == null || apiKey.isBlank()) {
            throw new InvalidInputException(
                    "apiKeyEnv", "variable " + spec.apiKeyEnv() + " is not set (it holds the Harness API key)");
        }
        if (spec.tokenEnv() != null) {
            String token = context.environment().get(spec.tokenEnv());
            if (token == null || token.isBlank()) {
                throw new InvalidInputException(
                        "tokenEnv", "variable " + spec.tokenEnv() + " is not set (it holds the delegate token)");
            }
        }
        if (spec.manifestFile() != null && !spec.absent()) {
            // a bad file is bad input before any call, not after the cluster was read
            DelegateReconciler.downloadedManifest(spec);
        }
        HarnessClient harness = new HarnessClient(
                new HarnessConnection(spec.managerUrl(), spec.accountId(), apiKey.trim()),
                context.proxy(),
                context.harnessRetry());
        try (AwsClients clients =
                        context.connections().resolve(spec.connection(), null).open();
                ClusterObjects kube = ClusterObjects.forCluster(
                        checkedPartition(spec, clients), spec.cluster(), context.kubeOptions())) {
            return new DelegateReconciler(
                            kube, harness, context.environment(), context.progress(), deadline, clients.region())
                    .reconcile(spec);
        }
    }

    /** The connector's role must be of the region's partition, or Harness would only fail to assume it later. */
    private static AwsClients checkedPartition(HarnessDelegateSpec spec, AwsClients clients) {
        String arn = spec.crossAccountRoleArn();
        if (arn != null && !Partitions.ofArn("crossAccountRoleArn", arn).equals(clients.partition())) {
            throw new InvalidInputException(
                    "crossAccountRoleArn", "must be in partition " + clients.partition() + " of the region");
        }
        return clients;
    }
}
