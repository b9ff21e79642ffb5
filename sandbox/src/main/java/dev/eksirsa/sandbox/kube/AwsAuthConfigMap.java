package dev.eksirsa.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code kube-system/aws-auth} ConfigMap that EKS consults in the CONFIG_MAP and API_AND_CONFIG_MAP
 * authentication modes: an IAM principal listed under {@code mapRoles} ({@code rolearn}) or {@code mapUsers}
 * ({@code userarn}) may use the cluster. Only the ARNs are read; groups and user names are not evaluated.
 */
final class AwsAuthConfigMap {
    static final String PATH = "/api/v1/namespaces/kube-system/configmaps/aws-auth";
    // Matches both the usual block YAML and the JSON form, which are the two shapes eksctl and users write.
    private static final Pattern ARN = Pattern.compile("\"?(?:rolearn|userarn)\"?\\s*:\\s*[\"']?([^\"'\\s,}]+)");
    private static final Pattern ROLE_PATH = Pattern.compile("^(arn:[^:]+:iam::\\d{12}:role/)(?:.*/)?([^/]+)$");

    private final CrudStore store;

    AwsAuthConfigMap(CrudStore store) {
        this.store = store;
    }

    /** Whether the ConfigMap maps this principal (role ARNs compare without their path, as EKS does). */
    boolean maps(KubePrincipal principal) {
        return store.get(PATH).map(cm -> maps(cm.path("data"), principal)).orElse(false);
    }

    private static boolean maps(JsonNode data, KubePrincipal principal) {
        String wanted = withoutRolePath(principal.arn());
        for (String key : new String[] {"mapRoles", "mapUsers"}) {
            Matcher arns = ARN.matcher(data.path(key).asText(""));
            while (arns.find()) {
                if (withoutRolePath(arns.group(1)).equals(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String withoutRolePath(String arn) {
        Matcher role = ROLE_PATH.matcher(arn);
        return role.matches() ? role.group(1) + role.group(2) : arn;
    }
}
