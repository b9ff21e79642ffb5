package dev.eksirsa.sandbox.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eksirsa.sandbox.kube.KubeApiServer;
import dev.eksirsa.sandbox.log.CallLog;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A connector's "Test connection" as the selected delegate runs it. Kubernetes: the delegate is connected and its
 * service account may list namespaces. AWS (Irsa, InheritFromDelegate): the pod's injected web identity
 * ({@code AWS_ROLE_ARN}, its projected service-account token) → STS AssumeRoleWithWebIdentity → AssumeRole into the
 * cross-account role with its external id → {@code ec2:DescribeRegions}, over the wire against the sandbox's AWS
 * endpoint, so a broken trust or a missing permission fails here as it would in Harness.
 */
final class ConnectionTests {
    private static final Set<String> CLUSTER_ROLES_LISTING_NAMESPACES =
            Set.of("cluster-admin", "admin", "edit", "view");

    private final DelegatePods pods;
    private final URI awsEndpoint;
    private final String region;
    private final Clock clock;

    ConnectionTests(DelegatePods pods, URI awsEndpoint, String region, Clock clock) {
        this.pods = pods;
        this.awsEndpoint = awsEndpoint;
        this.region = region;
        this.clock = clock;
    }

    /** {@code data} of the test-connection answer. */
    ObjectNode test(String accountId, DelegateTokens tokens, JsonNode connector) {
        List<String> selectors = strings(connector.path("spec").path("delegateSelectors"));
        List<DelegatePods.Replica> eligible = pods.connected(accountId, tokens).stream()
                .filter(r -> selectors.isEmpty()
                        || selectors.stream()
                                .anyMatch(s ->
                                        s.equals(r.delegateName()) || r.tags().contains(s)))
                .toList();
        if (eligible.isEmpty()) {
            return failure(
                    "No eligible delegates",
                    "No eligible delegate(s) in account to execute task. Delegate(s) with selectors " + selectors
                            + " are not connected.",
                    450,
                    null);
        }
        DelegatePods.Replica delegate = eligible.get(0);
        String type = connector.path("type").asText();
        return switch (type) {
            case "K8sCluster" -> kubernetes(delegate);
            case "Aws" -> aws(delegate, connector.path("spec").path("credential"));
            default -> failure(
                    "Unsupported", "Connector type " + type + " cannot be tested in the sandbox", 400, delegate);
        };
    }

    private ObjectNode kubernetes(DelegatePods.Replica delegate) {
        if (canListNamespaces(delegate.server(), delegate.namespace(), delegate.serviceAccount())) {
            return success(delegate);
        }
        return failure(
                "Forbidden",
                "namespaces is forbidden: User \"system:serviceaccount:" + delegate.namespace() + ":"
                        + delegate.serviceAccount()
                        + "\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope",
                403,
                delegate);
    }

    private static boolean canListNamespaces(KubeApiServer server, String namespace, String serviceAccount) {
        for (ObjectNode binding : server.list("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings")) {
            boolean bound = false;
            for (JsonNode subject : binding.path("subjects")) {
                bound |= "ServiceAccount".equals(subject.path("kind").asText())
                        && serviceAccount.equals(subject.path("name").asText())
                        && namespace.equals(subject.path("namespace").asText());
            }
            String role = binding.path("roleRef").path("name").asText();
            if (bound && (CLUSTER_ROLES_LISTING_NAMESPACES.contains(role) || customRoleLists(server, role))) {
                return true;
            }
        }
        return false;
    }

    private static boolean customRoleLists(KubeApiServer server, String role) {
        Optional<ObjectNode> clusterRole = server.get("/apis/rbac.authorization.k8s.io/v1/clusterroles/" + role);
        if (clusterRole.isEmpty()) {
            return false;
        }
        for (JsonNode rule : clusterRole.get().path("rules")) {
            List<String> resources = strings(rule.path("resources"));
            List<String> verbs = strings(rule.path("verbs"));
            if ((resources.contains("*") || resources.contains("namespaces"))
                    && (verbs.contains("*") || verbs.contains("list"))) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode aws(DelegatePods.Replica delegate, JsonNode credential) {
        String type = credential.path("type").asText();
        if (!type.equals("Irsa") && !type.equals("InheritFromDelegate")) {
            return failure(
                    "Unsupported",
                    "Credential type " + type + " needs a Harness secret, which the sandbox does not store",
                    400,
                    delegate);
        }
        String roleArn = delegate.env().get("AWS_ROLE_ARN");
        if (roleArn == null || delegate.env().get("AWS_WEB_IDENTITY_TOKEN_FILE") == null) {
            return failure(
                    "Invalid credentials",
                    "Unable to load AWS credentials from any provider in the chain: the delegate pod "
                            + delegate.podName() + " has no web identity (AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE"
                            + " are not set: its service account " + delegate.serviceAccount()
                            + " had no eks.amazonaws.com/role-arn annotation when the pod started)",
                    450,
                    delegate);
        }
        Optional<String> token = delegate.server()
                .serviceAccountToken(delegate.namespace(), delegate.serviceAccount(), "sts.amazonaws.com");
        if (token.isEmpty()) {
            return failure(
                    "Invalid credentials", "The delegate's service account token could not be read", 450, delegate);
        }
        String connectorRegion = credential.path("region").asText(region);
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            Credentials web;
            try (StsClient sts = sts(http, AnonymousCredentialsProvider.create())) {
                web = sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn)
                                .roleSessionName("harness-delegate-" + delegate.delegateName())
                                .webIdentityToken(token.get()))
                        .credentials();
            } catch (SdkException e) {
                return awsFailure("sts:AssumeRoleWithWebIdentity on " + roleArn, e, delegate);
            }
            Credentials current = web;
            JsonNode cross = credential.path("crossAccountAccess");
            String crossRole = cross.path("crossAccountRoleArn").asText("");
            if (!crossRole.isEmpty()) {
                try (StsClient sts = sts(http, provider(web))) {
                    String externalId = cross.path("externalId").asText("");
                    current = sts.assumeRole(b -> b.roleArn(crossRole)
                                    .roleSessionName("harness-delegate-" + delegate.delegateName())
                                    .externalId(externalId.isEmpty() ? null : externalId))
                            .credentials();
                } catch (SdkException e) {
                    return awsFailure("sts:AssumeRole on " + crossRole + " as " + roleArn, e, delegate);
                }
            }
            try (Ec2Client ec2 = Ec2Client.builder()
                    .overrideConfiguration(c -> c.putHeader(CallLog.ORIGIN_HEADER, ORIGIN))
                    .httpClient(http)
                    .endpointOverride(awsEndpoint)
                    .region(Region.of(connectorRegion))
                    .credentialsProvider(provider(current))
                    .build()) {
                ec2.describeRegions();
            } catch (SdkException e) {
                return awsFailure("ec2:DescribeRegions", e, delegate);
            }
        }
        return success(delegate);
    }

    /** What the call log says made a call of the emulated delegate: not the client under test. */
    static final String ORIGIN = "harness-delegate";

    private StsClient sts(SdkHttpClient http, AwsCredentialsProvider credentials) {
        return StsClient.builder()
                .overrideConfiguration(c -> c.putHeader(CallLog.ORIGIN_HEADER, ORIGIN))
                .httpClient(http)
                .endpointOverride(awsEndpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .build();
    }

    private static AwsCredentialsProvider provider(Credentials c) {
        return StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }

    private ObjectNode awsFailure(String call, SdkException e, DelegatePods.Replica delegate) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return failure(
                    aws.awsErrorDetails().errorCode(),
                    call + " failed: " + aws.awsErrorDetails().errorMessage() + " (Status Code: " + aws.statusCode()
                            + ")",
                    aws.statusCode(),
                    delegate);
        }
        return failure("Unexpected error", call + " failed: " + e.getClass().getSimpleName(), 450, delegate);
    }

    private ObjectNode success(DelegatePods.Replica delegate) {
        ObjectNode data = HarnessResponses.JSON.createObjectNode().put("status", "SUCCESS");
        data.putArray("errors");
        data.putNull("errorSummary");
        data.put("testedAt", clock.millis()).put("delegateId", delegate.podName());
        return data;
    }

    private ObjectNode failure(String reason, String message, int code, DelegatePods.Replica delegate) {
        ObjectNode data = HarnessResponses.JSON.createObjectNode().put("status", "FAILURE");
        data.putArray("errors")
                .addObject()
                .put("reason", reason)
                .put("message", message)
                .put("code", code);
        data.put("errorSummary", reason + ": " + message);
        data.put("testedAt", clock.millis());
        if (delegate == null) {
            data.putNull("delegateId");
        } else {
            data.put("delegateId", delegate.podName());
        }
        return data;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
