package dev.eksirsa.cli;

import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.cluster.ClusterResult;
import dev.eksirsa.engine.cluster.ClusterSpec;
import dev.eksirsa.engine.cluster.DesiredState;
import dev.eksirsa.engine.steps.Steps;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** {@code eks-irsa cluster}: ensure an EKS cluster and its IAM OIDC provider; plus {@code --write-kubeconfig}. */
final class ClusterCommand implements StepCommand.Extras<ClusterSpec, ClusterResult> {
    private static final String WRITE_KUBECONFIG = "--write-kubeconfig";
    private static final String WRITE_KUBECONFIG_KEY = "writeKubeconfig";

    private Path kubeconfig;

    static CommandLine commandLine(CliIo io) {
        return StepCommand.commandLine(
                Steps.CLUSTER,
                new ClusterCommand(),
                io,
                "Ensure an EKS cluster and the IAM OIDC provider of its issuer.",
                "Ensure an EKS cluster and the IAM OIDC provider of its issuer; with --create, create the cluster",
                "first; with --state absent, delete what eks-irsa created. The OIDC issuer's certificate is checked",
                "against the JVM's CAs plus AWS_CA_BUNDLE. Afterwards the caller's access to the cluster's",
                "Kubernetes API is checked; a refusal or an unreachable endpoint is a warning saying how to fix it.");
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.builder(WRITE_KUBECONFIG)
                .paramLabel("FILE")
                .type(Path.class)
                .description("Write a kubeconfig whose user runs `eks-irsa token` (no secret in the file).")
                .build());
    }

    @Override
    public void takeSpecKeys(Map<String, Object> spec, ParseResult flags) {
        Object fromSpec = spec.remove(WRITE_KUBECONFIG_KEY);
        if (flags.hasMatchedOption(WRITE_KUBECONFIG)) {
            kubeconfig = flags.matchedOptionValue(WRITE_KUBECONFIG, null);
        } else if (fromSpec != null) {
            if (!(fromSpec instanceof String path)) {
                throw new dev.eksirsa.engine.api.InvalidInputException(WRITE_KUBECONFIG_KEY, "must be a file path");
            }
            kubeconfig = Path.of(path);
        }
    }

    @Override
    public void check(ClusterSpec spec, ParseResult flags) {
        if (kubeconfig != null) {
            KubeconfigWriter.checkWritable(kubeconfig);
        }
    }

    @Override
    public void after(ClusterSpec spec, ClusterResult result, PrintStream err) {
        if (kubeconfig != null && !spec.dryRun() && spec.state() == DesiredState.PRESENT) {
            KubeconfigWriter.write(
                    kubeconfig, result, KubeconfigWriter.selfCommand(), connectionArgs(spec.connection()));
            err.println("kubeconfig written to " + kubeconfig);
        }
    }

    /** The flags that make {@code eks-irsa token} use the same connection: references only, never keys. */
    private static List<String> connectionArgs(ConnectionRef connection) {
        List<String> args = new ArrayList<>();
        if (connection.profile() != null) {
            args.addAll(List.of("--profile", connection.profile()));
        }
        if (connection.endpointUrl() != null) {
            args.addAll(List.of("--endpoint-url", connection.endpointUrl().toString()));
        }
        if (connection.roleArn() != null) {
            args.addAll(List.of("--role-arn", connection.roleArn()));
            if (connection.externalId() != null) {
                args.addAll(List.of("--external-id", connection.externalId()));
            }
            if (connection.sessionName() != null) {
                args.addAll(List.of("--session-name", connection.sessionName()));
            }
        }
        return args;
    }

    @Override
    public void printText(ClusterResult result, PrintStream out) {
        out.println((result.dryRun() ? "Plan for" : "EKS cluster") + " " + result.name() + ": " + result.status()
                + (result.version() == null ? "" : " (Kubernetes " + result.version() + ")"));
        if (result.endpoint() != null) {
            out.println("  endpoint:      " + result.endpoint());
        }
        if (result.oidcProviderArn() != null) {
            out.println("  OIDC provider: " + result.oidcProviderArn());
        }
        result.nodeGroups()
                .forEach(n -> out.println("  node group:    " + n.name() + " " + n.status() + " " + n.instanceTypes()
                        + " x" + n.desiredSize()));
        StepCommand.printOutcome(result, out);
    }
}
