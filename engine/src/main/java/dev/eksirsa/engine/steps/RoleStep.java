package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.iam.PrincipalPropagation;
import dev.eksirsa.engine.kube.EksClusterClients;
import dev.eksirsa.engine.kube.KubeClientOptions;
import dev.eksirsa.engine.kube.KubeWorkloads;
import dev.eksirsa.engine.role.IrsaRoleArgs;
import dev.eksirsa.engine.role.IrsaRoleReconciler;
import dev.eksirsa.engine.role.IrsaRoleResult;
import dev.eksirsa.engine.role.IrsaRoleSpec;
import java.util.List;
import java.util.Map;

/** {@code irsaRole}: the IRSA role, its cross-account targets and the annotated service accounts. */
public final class RoleStep implements Step<IrsaRoleSpec, IrsaRoleResult> {

    @Override
    public String command() {
        return "role";
    }

    @Override
    public String pipelineName() {
        return "irsaRole";
    }

    @Override
    public Map<String, Object> minimalArguments() {
        return Map.of("cluster", "example", "namespace", "default", "serviceAccount", "app");
    }

    @Override
    public List<String> resultKeys() {
        return List.of(
                "roleArn",
                "roleName",
                "trustPolicy",
                "serviceAccounts",
                "targetRoleArns",
                "created",
                "updated",
                "restarted",
                "changes",
                "warnings",
                "dryRun");
    }

    @Override
    public ArgumentSet arguments() {
        return IrsaRoleArgs.ARGUMENTS;
    }

    @Override
    public IrsaRoleSpec parse(Map<String, ?> arguments) {
        return IrsaRoleSpec.fromArguments(arguments);
    }

    @Override
    public IrsaRoleResult run(IrsaRoleSpec spec, StepContext context) {
        Deadline deadline = spec.timeout() == null ? Deadline.NONE : Deadline.after(spec.timeout());
        try (AwsClients clients =
                context.connections().resolve(spec.connection(), null).open()) {
            IrsaRoleReconciler reconciler = new IrsaRoleReconciler(
                    clients, context.connections(), context.progress(), PrincipalPropagation.within(deadline));
            if (spec.clusterName() != null) {
                KubeClientOptions options = context.kubeOptions();
                reconciler = reconciler.withKubernetes(
                        () -> KubeWorkloads.of(EksClusterClients.forCluster(clients, spec.clusterName(), options)));
            }
            return reconciler.reconcile(spec);
        }
    }
}
