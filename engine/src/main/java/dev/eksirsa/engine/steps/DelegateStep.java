package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.aws.AwsClients;
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
        HarnessClient harness = new HarnessClient(
                new HarnessConnection(spec.managerUrl(), spec.accountId(), apiKey.trim()),
                context.proxy(),
                context.harnessRetry());
        try (AwsClients clients =
                        context.connections().resolve(spec.connection(), null).open();
                ClusterObjects kube = ClusterObjects.forCluster(clients, spec.cluster(), context.kubeOptions())) {
            return new DelegateReconciler(
                            kube, harness, context.environment(), context.progress(), deadline, clients.region())
                    .reconcile(spec);
        }
    }
}
