package dev.eksirsa.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.Deadline;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.aws.AssumeRole;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsConnection;
import dev.eksirsa.engine.aws.CredentialsSource;
import dev.eksirsa.engine.aws.eks.EksTokenGenerator;
import dev.eksirsa.engine.irsa.IrsaRoleReconciler;
import dev.eksirsa.engine.irsa.IrsaRoleResult;
import dev.eksirsa.engine.irsa.IrsaRoleSpec;
import dev.eksirsa.engine.irsa.PrincipalPropagation;
import dev.eksirsa.engine.irsa.RoleState;
import dev.eksirsa.engine.irsa.TargetRoleSpec;
import dev.eksirsa.engine.kube.KubeClients;
import dev.eksirsa.engine.kube.KubeEndpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import software.amazon.awssdk.services.eks.model.Cluster;

/** {@code eks-irsa role}: an IRSA role, its cross-account targets and the annotated service accounts (issue 5). */
@Command(
        name = "role",
        mixinStandardHelpOptions = true,
        description = {
            "Ensure an IAM role for Kubernetes service accounts (IRSA): trusted by the cluster's OIDC provider for",
            "exactly the named service accounts, with its policies and the roles it may assume; cross-account",
            "target roles (--spec targetRoles) trusting exactly it; the service accounts annotated with it."
        })
final class RoleCommand implements Callable<Integer> {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
            names = "--cluster",
            description = "EKS cluster whose issuer the role trusts (and whose service accounts" + " are annotated).")
    String cluster;

    @Option(
            names = "--oidc-provider-arn",
            paramLabel = "ARN",
            description = "The IAM OIDC provider, instead of" + " looking it up from --cluster.")
    String oidcProviderArn;

    @Option(names = "--namespace", paramLabel = "NS", description = "Namespace of --service-account.")
    String namespace;

    @Option(
            names = "--service-account",
            paramLabel = "SA",
            description = "Service account allowed to assume the" + " role (several: serviceAccounts in --spec).")
    String serviceAccount;

    @Option(names = "--role-name", paramLabel = "N", description = "Default: <cluster>-<namespace>-<serviceaccount>.")
    String roleName;

    @Option(names = "--path", paramLabel = "P", description = "IAM path of a new role (default /).")
    String path;

    @Option(names = "--description", paramLabel = "D")
    String description;

    @Option(names = "--max-session-duration", paramLabel = "S", description = "Seconds, 3600-43200.")
    Integer maxSessionDuration;

    @Option(names = "--permissions-boundary", paramLabel = "ARN")
    String permissionsBoundary;

    @Option(names = "--policy-arn", paramLabel = "ARN", description = "Managed policy to attach (repeat).")
    List<String> policyArns = new ArrayList<>();

    @Option(
            names = "--inline-policy",
            paramLabel = "NAME=FILE",
            description = "Inline policy from a JSON file" + " (repeat).")
    Map<String, Path> inlinePolicyFiles = new LinkedHashMap<>();

    @Option(names = "--assume-role-arn", paramLabel = "ARN", description = "Role this role may assume (repeat).")
    List<String> assumeRoleArns = new ArrayList<>();

    @Option(names = "--audience", paramLabel = "A", description = "Token audience (default sts.amazonaws.com).")
    String audience;

    @Option(
            names = "--restart-pods",
            description = "Roll workloads whose pods use the service account but lack" + " the role.")
    boolean restartPods;

    @Option(
            names = "--exclusive",
            description = "On a role eks-irsa did not create, also remove what the spec does" + " not name.")
    boolean exclusive;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Tag of the role (repeat).")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(
            names = "--target-external-id",
            paramLabel = "ID",
            description = "sts:ExternalId the target roles of" + " --spec require, unless they set their own.")
    String targetExternalId;

    @Option(
            names = "--state",
            defaultValue = "present",
            description = "present, or absent to remove what eks-irsa" + " created.")
    String state;

    @Option(names = "--dry-run", description = "Print the plan; call nothing that mutates.")
    boolean dryRun;

    @Option(names = "--detailed-exitcode", description = "With --dry-run: exit 3 when the plan has changes.")
    boolean detailedExitCode;

    @Option(names = "--output", defaultValue = "text", paramLabel = "text|json")
    String outputFormat;

    @Option(
            names = "--spec",
            paramLabel = "FILE",
            description = "YAML or JSON with the Jenkins step's argument names;" + " flags override it.")
    Path specFile;

    @Mixin
    ConnectionOptions connection;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final List<String> serviceAccounts = new ArrayList<>();
    private final Map<String, String> inlinePolicies = new LinkedHashMap<>();
    private final List<Map<String, Object>> targetRoles = new ArrayList<>();
    private Boolean stsRegionalEndpoints;
    private Integer tokenExpiration;
    private boolean allowWildcards;

    @Override
    public Integer call() {
        return CommandRun.run(() -> "role", outputFormat, out, err, this::run);
    }

    private int run(CliOutput output) {
        if (specFile != null) {
            mergeSpecFile(specFile);
        }
        CommandRun.checkDetailedExitCode(detailedExitCode, dryRun);
        IrsaRoleSpec spec = spec();
        Deadline deadline = connection.deadline();
        AwsConnection aws = connection.connection(System.getenv());
        IrsaRoleResult result;
        try (AwsClients clients = aws.open()) {
            IrsaRoleReconciler reconciler = new IrsaRoleReconciler(
                    clients, AwsConnection::open, new ConsoleProgress(err), PrincipalPropagation.within(deadline));
            if (spec.clusterName() != null) {
                reconciler = reconciler.withKubernetes(() -> kubernetes(clients, spec.clusterName()));
            }
            result = reconciler.reconcile(spec);
        }
        print(output, result);
        return CommandRun.exitCode(dryRun, detailedExitCode, !result.changes().isEmpty());
    }

    private io.fabric8.kubernetes.client.KubernetesClient kubernetes(AwsClients clients, String clusterName) {
        Cluster c = clients.eks().describeCluster(b -> b.name(clusterName)).cluster();
        KubeEndpoint endpoint = new KubeEndpoint(
                clusterName, c.endpoint(), c.certificateAuthority().data());
        return KubeClients.eks(
                endpoint,
                new EksTokenGenerator(
                        clients.credentialsProvider(),
                        clients.region(),
                        connection.stsEndpointForTokens(),
                        Clock.systemUTC()));
    }

    private IrsaRoleSpec spec() {
        IrsaRoleSpec.Builder b = IrsaRoleSpec.builder()
                .clusterName(cluster)
                .oidcProviderArn(oidcProviderArn)
                .roleName(roleName)
                .path(path)
                .description(description)
                .maxSessionDuration(maxSessionDuration)
                .permissionsBoundary(permissionsBoundary)
                .audience(audience)
                .allowWildcards(allowWildcards)
                .exclusive(exclusive)
                .restartPods(restartPods)
                .stsRegionalEndpoints(stsRegionalEndpoints)
                .tokenExpiration(tokenExpiration)
                .state(RoleState.parse(state))
                .dryRun(dryRun);
        if (namespace != null || serviceAccount != null) {
            if (namespace == null || serviceAccount == null) {
                throw new InvalidInputException("serviceAccount", "--namespace and --service-account go together");
            }
            b.serviceAccount(namespace, serviceAccount);
        }
        serviceAccounts.forEach(b::serviceAccount);
        policyArns.forEach(b::policyArn);
        assumeRoleArns.forEach(b::assumeRoleArn);
        tags.forEach(b::tag);
        inlinePolicyFiles.forEach((name, file) -> b.inlinePolicy(name, readPolicyFile(name, file)));
        inlinePolicies.forEach(b::inlinePolicy);
        for (Map<String, Object> t : targetRoles) {
            b.targetRole(targetRole(t));
        }
        return b.build();
    }

    private TargetRoleSpec targetRole(Map<String, Object> t) {
        Set<String> known = Set.of(
                "roleName",
                "connection",
                "policyArns",
                "externalId",
                "path",
                "description",
                "maxSessionDuration",
                "inlinePolicies",
                "tags");
        for (String key : t.keySet()) {
            if (!known.contains(key)) {
                throw new InvalidInputException("targetRoles", "unknown key " + key + " (known: " + known + ")");
            }
        }
        String externalId = t.containsKey("externalId")
                ? (t.get("externalId") == null ? null : String.valueOf(t.get("externalId")))
                : targetExternalId;
        return new TargetRoleSpec(
                t.get("roleName") == null ? null : String.valueOf(t.get("roleName")),
                targetConnection(t.get("connection")),
                t.get("path") == null ? null : String.valueOf(t.get("path")),
                t.get("description") == null ? null : String.valueOf(t.get("description")),
                t.get("maxSessionDuration") == null
                        ? null
                        : Integer.valueOf(String.valueOf(t.get("maxSessionDuration"))),
                strings(t.get("policyArns"), "targetRoles.policyArns"),
                policies(t.get("inlinePolicies"), "targetRoles.inlinePolicies"),
                externalId,
                stringMap(t.get("tags"), "targetRoles.tags"));
    }

    /** {@code {profile: P}}, {@code {roleArn: A, externalId: E}} or {@code {credentialsEnv: {accessKeyId: VAR, …}}}. */
    private AwsConnection targetConnection(Object value) {
        if (!(value instanceof Map<?, ?> c) || c.isEmpty()) {
            throw new InvalidInputException("targetRoles.connection", "needs profile, roleArn or credentialsEnv");
        }
        AwsConnection base = connection.connection(System.getenv());
        if (c.get("profile") != null) {
            return base.withAssumeRole(null)
                    .withCredentials(CredentialsSource.profile(String.valueOf(c.get("profile"))));
        }
        if (c.get("roleArn") != null) {
            return base.withAssumeRole(new AssumeRole(
                    String.valueOf(c.get("roleArn")),
                    c.get("externalId") == null ? null : String.valueOf(c.get("externalId")),
                    null,
                    null));
        }
        if (c.get("credentialsEnv") instanceof Map<?, ?> env) {
            Map<String, String> vars = System.getenv();
            String keyVar = String.valueOf(env.get("accessKeyId"));
            String secretVar = String.valueOf(env.get("secretAccessKey"));
            if (vars.get(keyVar) == null || vars.get(secretVar) == null) {
                throw new InvalidInputException(
                        "targetRoles.connection.credentialsEnv",
                        "environment variables " + keyVar + " and " + secretVar + " must be set");
            }
            String tokenVar = env.get("sessionToken") == null ? null : String.valueOf(env.get("sessionToken"));
            return base.withAssumeRole(null)
                    .withCredentials(CredentialsSource.staticKeys(
                            vars.get(keyVar), vars.get(secretVar), tokenVar == null ? null : vars.get(tokenVar)));
        }
        throw new InvalidInputException("targetRoles.connection", "needs profile, roleArn or credentialsEnv");
    }

    private static final Set<String> SPEC_KEYS = Stream.concat(
                    ConnectionOptions.SPEC_KEYS.stream(),
                    Stream.of(
                            "cluster",
                            "oidcProviderArn",
                            "namespace",
                            "serviceAccount",
                            "serviceAccounts",
                            "roleName",
                            "path",
                            "description",
                            "maxSessionDuration",
                            "permissionsBoundary",
                            "policyArns",
                            "inlinePolicies",
                            "assumeRoleArns",
                            "audience",
                            "allowWildcards",
                            "restartPods",
                            "exclusive",
                            "tags",
                            "targetRoles",
                            "targetExternalId",
                            "stsRegionalEndpoints",
                            "tokenExpiration",
                            "state",
                            "dryRun"))
            .collect(Collectors.toCollection(TreeSet::new));

    private void mergeSpecFile(Path file) {
        SpecFile f = SpecFile.read(file, SPEC_KEYS);
        Map<String, Object> raw = raw(file);
        if (use(f, "cluster", "--cluster")) cluster = f.string("cluster");
        if (use(f, "oidcProviderArn", "--oidc-provider-arn")) oidcProviderArn = f.string("oidcProviderArn");
        if (use(f, "namespace", "--namespace")) namespace = f.string("namespace");
        if (use(f, "serviceAccount", "--service-account")) serviceAccount = f.string("serviceAccount");
        if (f.has("serviceAccounts")) serviceAccounts.addAll(f.strings("serviceAccounts"));
        if (use(f, "roleName", "--role-name")) roleName = f.string("roleName");
        if (use(f, "path", "--path")) path = f.string("path");
        if (use(f, "description", "--description")) description = f.string("description");
        if (use(f, "maxSessionDuration", "--max-session-duration"))
            maxSessionDuration = f.integer("maxSessionDuration");
        if (use(f, "permissionsBoundary", "--permissions-boundary"))
            permissionsBoundary = f.string("permissionsBoundary");
        if (use(f, "policyArns", "--policy-arn")) policyArns = f.strings("policyArns");
        if (f.has("inlinePolicies") && !matched("--inline-policy"))
            inlinePolicies.putAll(policies(raw.get("inlinePolicies"), "inlinePolicies"));
        if (use(f, "assumeRoleArns", "--assume-role-arn")) assumeRoleArns = f.strings("assumeRoleArns");
        if (use(f, "audience", "--audience")) audience = f.string("audience");
        if (f.has("allowWildcards")) allowWildcards = f.bool("allowWildcards");
        if (use(f, "restartPods", "--restart-pods")) restartPods = f.bool("restartPods");
        if (use(f, "exclusive", "--exclusive")) exclusive = f.bool("exclusive");
        if (use(f, "tags", "--tag")) tags = f.map("tags");
        if (use(f, "targetExternalId", "--target-external-id")) targetExternalId = f.string("targetExternalId");
        if (f.has("stsRegionalEndpoints")) stsRegionalEndpoints = f.bool("stsRegionalEndpoints");
        if (f.has("tokenExpiration")) tokenExpiration = f.integer("tokenExpiration");
        if (use(f, "state", "--state")) state = f.string("state");
        if (use(f, "dryRun", "--dry-run")) dryRun = f.bool("dryRun");
        if (f.has("targetRoles")) {
            if (!(raw.get("targetRoles") instanceof List<?> list)) {
                throw new InvalidInputException("targetRoles", "must be a list of maps");
            }
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> m)) {
                    throw new InvalidInputException("targetRoles", "must be a list of maps");
                }
                Map<String, Object> t = new LinkedHashMap<>();
                m.forEach((k, v) -> t.put(String.valueOf(k), v));
                targetRoles.add(t);
            }
        }
        connection.mergeSpecFile(f, command.commandLine().getParseResult());
    }

    private boolean use(SpecFile f, String key, String flag) {
        return f.has(key) && !matched(flag);
    }

    private boolean matched(String flag) {
        return command.commandLine().getParseResult().hasMatchedOption(flag);
    }

    private static Map<String, Object> raw(Path file) {
        try {
            Map<String, Object> values = YAML.readValue(file.toFile(), new TypeReference<>() {});
            return values == null ? Map.of() : values;
        } catch (IOException e) {
            throw new InvalidInputException("spec", "cannot read " + file + " as YAML or JSON: " + e.getMessage());
        }
    }

    /** Inline policies as name to JSON; a policy may be written as a JSON string or as a nested map. */
    private static Map<String, String> policies(Object value, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidInputException(field, "must map policy names to JSON documents");
        }
        map.forEach((k, v) -> {
            try {
                out.put(String.valueOf(k), v instanceof String s ? s : JSON.writeValueAsString(v));
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(field + "." + k, "is not a JSON document");
            }
        });
        return out;
    }

    private static List<String> strings(Object value, String field) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidInputException(field, "must be a list");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static Map<String, String> stringMap(Object value, String field) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidInputException(field, "must be a map");
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    private static String readPolicyFile(String name, Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new InvalidInputException("inlinePolicies." + name, "cannot read " + file);
        }
    }

    private void print(CliOutput output, IrsaRoleResult result) {
        if (output.json()) {
            output.json(result.toMap());
            return;
        }
        out.println((dryRun ? "Plan for IAM role " : "IAM role ") + result.roleArn());
        out.println("  service accounts: " + String.join(", ", result.serviceAccounts()));
        result.targetRoleArns().forEach(t -> out.println("  may assume:       " + t));
        result.restarted().forEach(r -> out.println("  restarted:        " + r));
        if (result.changes().isEmpty()) {
            out.println("  no changes");
        }
        for (Change c : result.changes()) {
            out.println("  " + (dryRun ? "would " : "") + c.action().name().toLowerCase() + " " + c.kind() + " "
                    + c.id() + (c.detail().isEmpty() ? "" : ": " + c.detail()));
        }
    }
}
