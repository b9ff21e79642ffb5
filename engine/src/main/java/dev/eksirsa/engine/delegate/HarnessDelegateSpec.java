package dev.eksirsa.engine.delegate;

import dev.eksirsa.engine.api.Arguments;
import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.kube.KubernetesNames;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The delegate step's parsed arguments. Secrets are named, never held: {@code tokenEnv} and {@code apiKeyEnv} are
 * variable names, resolved from the step's environment when it runs.
 *
 * @param manifestFile a downloaded delegate YAML to patch instead of rendering one; null to render
 * @param image null for Harness's latest supported delegate image
 */
public record HarnessDelegateSpec(
        String cluster,
        String accountId,
        String name,
        String namespace,
        String serviceAccount,
        String manifestFile,
        PermissionLevel permissions,
        URI managerUrl,
        String image,
        List<String> delegateTags,
        int replicas,
        boolean upgrader,
        String tokenEnv,
        String apiKeyEnv,
        String k8sConnector,
        String awsConnector,
        String crossAccountRoleArn,
        String connectorExternalId,
        boolean testConnectors,
        boolean absent,
        boolean dryRun,
        ConnectionRef connection,
        Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final java.util.regex.Pattern CONNECTOR_ID =
            java.util.regex.Pattern.compile("[a-zA-Z_][0-9a-zA-Z_$]{0,127}");

    public static HarnessDelegateSpec fromArguments(Map<String, ?> raw) {
        Arguments a = DelegateArgs.ARGUMENTS.parse(raw);
        InputRules.clusterName("cluster", a.string("cluster"));
        String name = a.string("name");
        String accountId = a.string("accountId");
        if (accountId == null) {
            throw new InvalidInputException("accountId", "is required (the Harness account identifier)");
        }
        String state = a.string("state");
        if (!state.equals("present") && !state.equals("absent")) {
            throw new InvalidInputException("state", "must be present or absent");
        }
        String crossRole = a.string("crossAccountRoleArn");
        if (crossRole != null) {
            if (!a.has("awsConnector")) {
                throw new InvalidInputException(
                        "crossAccountRoleArn", "needs awsConnector (it configures the AWS connector)");
            }
            InputRules.roleArn("crossAccountRoleArn", crossRole);
        }
        if (a.has("connectorExternalId") && crossRole == null) {
            throw new InvalidInputException("connectorExternalId", "needs crossAccountRoleArn");
        }
        InputRules.externalId("connectorExternalId", a.string("connectorExternalId"));
        for (String connector : new String[] {"k8sConnector", "awsConnector"}) {
            if (a.has(connector) && !CONNECTOR_ID.matcher(a.string(connector)).matches()) {
                throw new InvalidInputException(
                        connector,
                        "must be a Harness identifier: letters, digits, _ and $, not starting with a digit, at most 128");
            }
        }
        if (a.has("k8sConnector")
                && a.has("awsConnector")
                && a.string("k8sConnector").equals(a.string("awsConnector"))) {
            throw new InvalidInputException("awsConnector", "must differ from k8sConnector");
        }
        if (a.bool("testConnectors") && !a.has("k8sConnector") && !a.has("awsConnector")) {
            throw new InvalidInputException("testConnectors", "needs k8sConnector or awsConnector");
        }
        String serviceAccount = a.has("serviceAccount") ? a.string("serviceAccount") : name;
        String namespace = KubernetesNames.namespace("namespace", a.string("namespace"));
        URI manager;
        try {
            manager = URI.create(a.string("managerUrl"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("managerUrl", "must be a URL such as https://app.harness.io");
        }
        for (String env : new String[] {"tokenEnv", "apiKeyEnv"}) {
            if (a.has(env) && !a.string(env).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new InvalidInputException(env, "must be the name of an environment variable");
            }
        }
        HarnessDelegateSpec spec = new HarnessDelegateSpec(
                a.string("cluster"),
                accountId,
                name,
                namespace,
                serviceAccount,
                a.string("manifest"),
                PermissionLevel.parse("permissions", a.string("permissions")),
                manager,
                a.string("image"),
                a.strings("delegateTags"),
                a.integer("replicas"),
                a.bool("upgrader"),
                a.string("tokenEnv"),
                a.has("apiKeyEnv") ? a.string("apiKeyEnv") : DelegateArgs.DEFAULT_API_KEY_ENV,
                a.string("k8sConnector"),
                a.string("awsConnector"),
                crossRole,
                a.string("connectorExternalId"),
                a.bool("testConnectors"),
                state.equals("absent"),
                a.bool("dryRun"),
                ConnectionRef.fromArguments(a),
                a.has("timeout") ? a.duration("timeout") : DEFAULT_TIMEOUT);
        // the manifest's own rules (names, image, service account not default), checked before any call
        try {
            spec.delegateSpec(spec.image == null ? "harness/delegate:latest" : spec.image);
        } catch (InvalidInputException e) {
            // the manifest calls them tags; the step's argument is delegateTags
            throw e.field().startsWith("tags[")
                    ? new InvalidInputException("delegateTags" + e.field().substring(4), e.rule())
                    : e;
        }
        // https for any manager but loopback (a sandbox): the connection's own rule, with placeholder credentials
        new dev.eksirsa.engine.harness.HarnessConnection(manager, accountId, "unchecked");
        return spec;
    }

    /** The rendered manifest's spec, with the image the run settled on. */
    public DelegateSpec delegateSpec(String resolvedImage) {
        DelegateSpec.Builder builder = DelegateSpec.builder();
        delegateTags.forEach(builder::tag);
        return builder.name(name)
                .namespace(namespace)
                .accountId(accountId)
                .managerUrl(managerUrl.toString())
                .image(resolvedImage)
                .replicas(replicas)
                .permissionLevel(permissions)
                .serviceAccount(serviceAccount)
                .upgrader(upgrader)
                .build();
    }

    /** The token's name in Harness when the step manages it. */
    public String tokenName() {
        return name + "-token";
    }
}
