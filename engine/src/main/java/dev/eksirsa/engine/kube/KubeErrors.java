package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.api.AccessDeniedException;
import dev.eksirsa.engine.api.ConflictException;
import dev.eksirsa.engine.api.EksIrsaException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * Turns the API server's refusals into what the user should do about them. fabric8's messages name the URL and
 * the status, never the bearer token, so the server's own reason is kept.
 */
public final class KubeErrors {
    private KubeErrors() {}

    /** Runs one Kubernetes call; {@code what} reads like {@code listing namespaces}. */
    public static <T> T call(KubeEndpoint cluster, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw translate(cluster, what, e);
        }
    }

    /** Runs one Kubernetes call of a cluster the caller does not name; {@code what} reads like {@code deleting Secret a/b}. */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw translate(what, e);
        }
    }

    public static EksIrsaException translate(KubeEndpoint cluster, String what, KubernetesClientException e) {
        String name = cluster.clusterName();
        String message = what + " on EKS cluster \"" + name + "\" failed: "
                + switch (KubeRefusal.of(e)) {
                    case UNAUTHORIZED -> unauthorized(name);
                    case FORBIDDEN -> forbidden(name, null, null, serverReason(e));
                    case UNREACHABLE -> unreachable(name, cluster.server(), null, e);
                    case OTHER -> describe(e);
                };
        return typed(message, e);
    }

    /**
     * A refusal of a call whose cluster the caller does not name (the message says what failed and fabric8's
     * reason: URL and status, never the bearer token).
     */
    public static EksIrsaException translate(String what, KubernetesClientException e) {
        String reason;
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            reason = e.getStatus().getMessage();
        } else if (e.getCause() != null) {
            // fabric8's own text only repeats the operation: the cause says the API server did not answer
            reason = "the Kubernetes API did not answer (" + rootCause(e) + ")";
        } else {
            reason = e.getMessage();
        }
        return typed(what + " failed: " + reason, e);
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static EksIrsaException typed(String message, KubernetesClientException e) {
        return switch (e.getCode()) {
            case 401, 403 -> new AccessDeniedException(message, null, e);
            case 409 -> new ConflictException(message, null, e);
            default -> new EksIrsaException(message, null, e);
        };
    }

    static String unauthorized(String cluster) {
        return "the Kubernetes API of EKS cluster \"" + cluster + "\" did not accept the EKS token (401"
                + " Unauthorized). A token is valid only for the cluster whose name it was signed for, for 15"
                + " minutes, and only with credentials STS accepts: check --region and the cluster name, and that"
                + " the credentials are not expired";
    }

    /**
     * @param principalArn the IAM role or user to name in the advice, null when unknown
     * @param authenticationMode the cluster's, null when unknown
     */
    static String forbidden(String cluster, String principalArn, String authenticationMode) {
        return forbidden(cluster, principalArn, authenticationMode, null);
    }

    /**
     * @param reason the API server's own words (which user, verb, resource and namespace it refused), null when it
     *     sent none
     */
    static String forbidden(String cluster, String principalArn, String authenticationMode, String reason) {
        String who = principalArn == null ? "the IAM principal eks-irsa runs as" : principalArn;
        String flag = "--access-principal-arn " + (principalArn == null ? "<role or user ARN>" : principalArn);
        StringBuilder text = new StringBuilder("the Kubernetes API of EKS cluster \"" + cluster + "\" refused " + who
                + " (403 Forbidden)"
                + (reason == null ? "" : ": " + reason)
                + ". It needs an access entry there whose access policy allows this (AmazonEKSClusterAdminPolicy"
                + " allows everything).");
        if ("CONFIG_MAP".equals(authenticationMode)) {
            text.append(" The cluster authenticates only through the aws-auth ConfigMap: switch it to"
                    + " API_AND_CONFIG_MAP (aws eks update-cluster-config --name " + cluster
                    + " --access-config authenticationMode=API_AND_CONFIG_MAP), then");
        } else {
            text.append(" Fix:");
        }
        text.append(" run eks-irsa cluster --name " + cluster + " " + flag
                + " as the cluster's creator or another admin (Jenkins: accessPrincipalArns)");
        return text.toString();
    }

    /** The Status message of a refusal, e.g. {@code pods is forbidden: User "…" cannot list resource "pods" …}. */
    private static String serverReason(KubernetesClientException e) {
        return e.getStatus() == null
                        || e.getStatus().getMessage() == null
                        || e.getStatus().getMessage().isBlank()
                ? null
                : e.getStatus().getMessage();
    }

    /** @param publicAccess whether the endpoint is public; null when unknown */
    static String unreachable(String cluster, String server, Boolean publicAccess, Throwable cause) {
        String reason = rootMessage(cause);
        String text = "cannot reach the Kubernetes API of EKS cluster \"" + cluster + "\" at " + server
                + (reason == null ? "" : " (" + reason + ")") + ".";
        if (Boolean.FALSE.equals(publicAccess)) {
            return text + " Its endpoint is private only: run from inside the cluster's VPC (or a network peered"
                    + " with it), or enable public access (aws eks update-cluster-config --name " + cluster
                    + " --resources-vpc-config endpointPublicAccess=true)";
        }
        return text + " Check the network path (proxy, firewall) and, if the endpoint is private, run from"
                + " inside the cluster's VPC";
    }

    /** fabric8's message, plus the root cause when fabric8 only says "An error has occurred". */
    static String describe(KubernetesClientException e) {
        String root = rootMessage(e);
        return (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "")
                + e.getMessage()
                + (root == null ? "" : " (" + root + ")");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e
                ? null
                : root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
