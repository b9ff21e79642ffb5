package dev.eksirsa.cli;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.eks.ClusterReconciler;
import dev.eksirsa.engine.aws.eks.ClusterResult;
import dev.eksirsa.engine.aws.eks.ClusterSpec;
import dev.eksirsa.engine.aws.eks.DesiredState;
import dev.eksirsa.engine.aws.eks.IssuerThumbprint;
import dev.eksirsa.engine.aws.eks.NodegroupSpec;
import dev.eksirsa.engine.kube.KubeAccessCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eks-irsa cluster}: ensure an EKS cluster and its IAM OIDC provider (issue 4). */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = {
            "Ensure an EKS cluster and the IAM OIDC provider of its issuer; with --create, create the cluster",
            "first; with --state absent, delete what eks-irsa created. The OIDC issuer's certificate is checked",
            "against the JVM's CAs plus AWS_CA_BUNDLE. Afterwards the caller's access to the cluster's",
            "Kubernetes API is checked; a refusal or an unreachable endpoint is a warning saying how to fix it."
        })
final class ClusterCommand implements Callable<Integer> {
    private static final Duration DEFAULT_POLL = Duration.ofSeconds(30);

    @Option(names = "--name", description = "EKS cluster name (required here or in --spec).")
    String name;

    @Option(names = "--create", description = "Create the cluster when it does not exist.")
    boolean create;

    @Option(
            names = "--kubernetes-version",
            paramLabel = "V",
            description = "Kubernetes version for a new cluster, e.g. 1.31.")
    String kubernetesVersion;

    @Option(
            names = "--subnet-id",
            paramLabel = "ID",
            description = "Subnet of a new cluster (repeat; default: the default VPC's).")
    List<String> subnetIds = new ArrayList<>();

    @Option(names = "--security-group-id", paramLabel = "ID", description = "Security group of a new cluster (repeat).")
    List<String> securityGroupIds = new ArrayList<>();

    @Option(names = "--cluster-role-arn", paramLabel = "ARN", description = "Cluster role (default: create one).")
    String clusterRoleArn;

    @Option(names = "--nodegroup-name", paramLabel = "N", description = "Ensure one managed node group of this name.")
    String nodegroupName;

    @Option(
            names = "--instance-type",
            paramLabel = "T",
            description = "Node instance type (repeat; default t3.medium).")
    List<String> instanceTypes = new ArrayList<>();

    @Option(
            names = "--min-size",
            defaultValue = "1",
            description = "Node group minimum size (default: ${DEFAULT-VALUE}).")
    int minSize;

    @Option(
            names = "--desired-size",
            defaultValue = "2",
            description = "Node group desired size (default: ${DEFAULT-VALUE}).")
    int desiredSize;

    @Option(
            names = "--max-size",
            defaultValue = "3",
            description = "Node group maximum size (default: ${DEFAULT-VALUE}).")
    int maxSize;

    @Option(names = "--node-role-arn", paramLabel = "ARN", description = "Node role (default: create one).")
    String nodeRoleArn;

    @Option(
            names = "--access-principal-arn",
            paramLabel = "ARN",
            description = "IAM role or user to make cluster admin through an access entry (repeat).")
    List<String> accessPrincipalArns = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Tag of a new cluster (repeat).")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(
            names = "--state",
            defaultValue = "present",
            description = "present, or absent to delete what eks-irsa created.")
    String state;

    @Option(
            names = "--write-kubeconfig",
            paramLabel = "FILE",
            description = "Write a kubeconfig whose user runs `eks-irsa token` (no secret in the file).")
    Path kubeconfig;

    @Option(names = "--dry-run", description = "Print the plan; call nothing that mutates.")
    boolean dryRun;

    @Option(names = "--detailed-exitcode", description = "With --dry-run: exit 3 when the plan has changes.")
    boolean detailedExitCode;

    @Option(
            names = "--output",
            defaultValue = "text",
            paramLabel = "text|json",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String outputFormat;

    @Option(
            names = "--spec",
            paramLabel = "FILE",
            description = "YAML or JSON with the Jenkins step's argument names; flags override it.")
    Path specFile;

    @Mixin
    ConnectionOptions connection;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    private boolean specSizes;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() {
        return CommandRun.run(() -> "cluster " + name, outputFormat, out, err, this::run);
    }

    private int run(CliOutput output) {
        if (specFile != null) {
            mergeSpecFile(SpecFile.read(specFile, SPEC_KEYS));
        }
        CommandRun.checkDetailedExitCode(detailedExitCode, dryRun);
        if (name == null) {
            throw new InvalidInputException("name", "must be given (--name or name in --spec)");
        }
        ClusterSpec spec = spec();
        Deadline deadline = connection.deadline(ClusterSpec.DEFAULT_TIMEOUT);
        var aws = connection.connection(System.getenv());
        ClusterResult result;
        try (AwsClients clients = aws.open()) {
            result = new ClusterReconciler(
                            clients,
                            IssuerThumbprint.fromEnvironment(System.getenv()),
                            new ConsoleProgress(err),
                            new KubeAccessCheck(clients, connection.stsEndpointForTokens()))
                    .reconcile(spec, deadline);
        }
        if (kubeconfig != null && !dryRun && spec.state() == DesiredState.PRESENT) {
            KubeconfigWriter.write(kubeconfig, result, KubeconfigWriter.selfCommand(), connectionArgs());
            err.println("kubeconfig written to " + kubeconfig);
        }
        print(output, result);
        return CommandRun.exitCode(dryRun, detailedExitCode, result.changed());
    }

    private static final Set<String> SPEC_KEYS = Stream.concat(
                    ConnectionOptions.SPEC_KEYS.stream(),
                    Stream.of(
                            "name",
                            "create",
                            "kubernetesVersion",
                            "subnetIds",
                            "securityGroupIds",
                            "clusterRoleArn",
                            "nodegroupName",
                            "instanceTypes",
                            "minSize",
                            "desiredSize",
                            "maxSize",
                            "nodeRoleArn",
                            "accessPrincipalArns",
                            "tags",
                            "state",
                            "writeKubeconfig",
                            "dryRun"))
            .collect(Collectors.toCollection(TreeSet::new));

    /** Spec file values for everything not given as a flag. */
    private void mergeSpecFile(SpecFile f) {
        if (use(f, "name", "--name")) name = f.string("name");
        if (use(f, "create", "--create")) create = f.bool("create");
        if (use(f, "kubernetesVersion", "--kubernetes-version")) kubernetesVersion = f.string("kubernetesVersion");
        if (use(f, "subnetIds", "--subnet-id")) subnetIds = f.strings("subnetIds");
        if (use(f, "securityGroupIds", "--security-group-id")) securityGroupIds = f.strings("securityGroupIds");
        if (use(f, "clusterRoleArn", "--cluster-role-arn")) clusterRoleArn = f.string("clusterRoleArn");
        if (use(f, "nodegroupName", "--nodegroup-name")) nodegroupName = f.string("nodegroupName");
        if (use(f, "instanceTypes", "--instance-type")) instanceTypes = f.strings("instanceTypes");
        specSizes = f.has("minSize") || f.has("desiredSize") || f.has("maxSize");
        if (use(f, "minSize", "--min-size")) minSize = f.integer("minSize");
        if (use(f, "desiredSize", "--desired-size")) desiredSize = f.integer("desiredSize");
        if (use(f, "maxSize", "--max-size")) maxSize = f.integer("maxSize");
        if (use(f, "nodeRoleArn", "--node-role-arn")) nodeRoleArn = f.string("nodeRoleArn");
        if (use(f, "accessPrincipalArns", "--access-principal-arn"))
            accessPrincipalArns = f.strings("accessPrincipalArns");
        if (use(f, "tags", "--tag")) tags = f.map("tags");
        if (use(f, "state", "--state")) state = f.string("state");
        if (use(f, "writeKubeconfig", "--write-kubeconfig")) kubeconfig = Path.of(f.string("writeKubeconfig"));
        if (use(f, "dryRun", "--dry-run")) dryRun = f.bool("dryRun");
        connection.mergeSpecFile(f, command.commandLine().getParseResult());
    }

    private boolean use(SpecFile f, String key, String flag) {
        return f.has(key) && !command.commandLine().getParseResult().hasMatchedOption(flag);
    }

    private ClusterSpec spec() {
        if (nodegroupName == null && (!instanceTypes.isEmpty() || nodeRoleArn != null || sizeGiven())) {
            throw new InvalidInputException(
                    "nodegroupName",
                    "--instance-type, --min-size, --desired-size, --max-size and --node-role-arn need --nodegroup-name");
        }
        NodegroupSpec nodegroup = nodegroupName == null
                ? null
                : new NodegroupSpec(nodegroupName, instanceTypes, minSize, desiredSize, maxSize, nodeRoleArn);
        Duration timeout = connection.timeoutOr(ClusterSpec.DEFAULT_TIMEOUT);
        // a short --timeout (sandboxes) polls proportionally faster than AWS's 30 s
        Duration poll = timeout.dividedBy(10).compareTo(DEFAULT_POLL) < 0 ? timeout.dividedBy(10) : DEFAULT_POLL;
        return ClusterSpec.builder(name)
                .state(DesiredState.parse(state))
                .create(create)
                .kubernetesVersion(kubernetesVersion)
                .subnetIds(subnetIds)
                .securityGroupIds(securityGroupIds)
                .clusterRoleArn(clusterRoleArn)
                .nodegroup(nodegroup)
                .accessPrincipalArns(accessPrincipalArns)
                .tags(tags)
                .dryRun(dryRun)
                .pollInterval(poll.toMillis() < 10 ? Duration.ofMillis(10) : poll)
                .timeout(timeout)
                .build();
    }

    private boolean sizeGiven() {
        var parsed = command.commandLine().getParseResult();
        return specSizes
                || parsed.hasMatchedOption("--min-size")
                || parsed.hasMatchedOption("--desired-size")
                || parsed.hasMatchedOption("--max-size");
    }

    private List<String> connectionArgs() {
        List<String> args = new ArrayList<>();
        if (connection.profile != null) {
            args.addAll(List.of("--profile", connection.profile));
        }
        if (connection.endpointUrl != null) {
            args.addAll(List.of("--endpoint-url", connection.endpointUrl.toString()));
        }
        if (connection.roleArn != null) {
            args.addAll(List.of("--role-arn", connection.roleArn));
            if (connection.externalId != null) {
                args.addAll(List.of("--external-id", connection.externalId));
            }
            if (connection.sessionName != null) {
                args.addAll(List.of("--session-name", connection.sessionName));
            }
        }
        return args;
    }

    private void print(CliOutput output, ClusterResult result) {
        if (output.json()) {
            output.json(result.toMap());
            return;
        }
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
        if (result.changes().isEmpty()) {
            out.println("  no changes");
        }
        for (Change c : result.changes()) {
            out.println(
                    "  " + (result.dryRun() ? "would " : "") + c.action().name().toLowerCase() + " " + c.kind() + " "
                            + c.id() + (c.detail().isEmpty() ? "" : ": " + c.detail()));
        }
        result.warnings().forEach(w -> out.println("  warning: " + w));
    }
}
