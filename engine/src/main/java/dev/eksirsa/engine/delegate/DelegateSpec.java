package dev.eksirsa.engine.delegate;

import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.kube.KubernetesNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a Harness NextGen Kubernetes delegate looks like in its cluster. The token is not part of it: the spec names
 * the Secret that holds it ({@code tokenSecretName}); its value ({@link DelegateToken}) is resolved when the step
 * runs. The service account is the IRSA one the role step annotated; the delegate never runs as {@code default}.
 *
 * @param name the delegate's name in Harness, also its Deployment's and its {@code harness.io/name} label's
 * @param managerUrl Harness's manager, e.g. {@code https://app.harness.io/gratis} (no trailing slash)
 * @param tags the delegate's selectors in Harness
 * @param tokenSecretName the Secret the Deployment reads {@code DELEGATE_TOKEN} from
 * @param upgrader whether to add Harness's hourly upgrader CronJob
 */
public record DelegateSpec(
        String name,
        String namespace,
        String accountId,
        String managerUrl,
        String image,
        List<String> tags,
        String description,
        int replicas,
        PermissionLevel permissionLevel,
        String serviceAccount,
        String tokenSecretName,
        boolean upgrader,
        String upgraderImage) {

    public static final String DEFAULT_NAMESPACE = "harness-delegate-ng";
    public static final String DEFAULT_UPGRADER_IMAGE = "harness/upgrader:latest";
    /** Kubernetes caps CronJob names at 52 characters; {@code <name>-upgrader-job} must fit. */
    static final int MAX_NAME_WITH_UPGRADER = 52 - "-upgrader-job".length();

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._-]*(:[0-9]{1,5})?(/[a-z0-9][a-z0-9._-]*)*"
            + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?");

    public DelegateSpec {
        if (name == null || !LABEL.matcher(name).matches()) {
            throw new InvalidInputException(
                    "name",
                    "must be 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit"
                            + " (it names the Deployment and its label)");
        }
        namespace = KubernetesNames.namespace("namespace", namespace == null ? DEFAULT_NAMESPACE : namespace);
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new InvalidInputException(
                    "accountId", "must be a Harness account id: 1-64 letters, digits, '_' or '-'");
        }
        managerUrl = managerUrl(managerUrl);
        if (image == null || !IMAGE.matcher(image).matches()) {
            throw new InvalidInputException(
                    "image", "must be a container image reference such as harness/delegate:25.06.86100");
        }
        tags = List.copyOf(tags == null ? List.of() : tags);
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null || tag.isBlank() || tag.contains(",") || hasControl(tag)) {
                throw new InvalidInputException(
                        "tags[" + i + "]", "must be non-blank, one line, without ',' (Harness joins tags with commas)");
            }
        }
        description = description == null ? "" : description;
        if (hasControl(description)) {
            throw new InvalidInputException("description", "must be one line of printable text");
        }
        if (replicas < 1) {
            throw new InvalidInputException("replicas", "must be at least 1");
        }
        permissionLevel = permissionLevel == null ? PermissionLevel.CLUSTER_ADMIN : permissionLevel;
        KubernetesNames.serviceAccount("serviceAccount", serviceAccount);
        if ("default".equals(serviceAccount)) {
            throw new InvalidInputException(
                    "serviceAccount",
                    "must be the IRSA service account the role step annotated, not default (every pod of the"
                            + " namespace runs as default and would get the delegate's rights and AWS role)");
        }
        tokenSecretName = KubernetesNames.serviceAccount(
                "tokenSecretName", tokenSecretName == null ? name + "-account-token" : tokenSecretName);
        if (upgrader && name.length() > MAX_NAME_WITH_UPGRADER) {
            throw new InvalidInputException(
                    "name",
                    "must be at most " + MAX_NAME_WITH_UPGRADER + " characters with the upgrader: its CronJob "
                            + "<name>-upgrader-job is limited to 52");
        }
        upgraderImage = upgraderImage == null ? DEFAULT_UPGRADER_IMAGE : upgraderImage;
        if (!IMAGE.matcher(upgraderImage).matches()) {
            throw new InvalidInputException(
                    "upgraderImage", "must be a container image reference such as " + DEFAULT_UPGRADER_IMAGE);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The log service Harness's own manifest and Helm chart point the delegate at. */
    public String logStreamingServiceUrl() {
        return managerUrl + "/log-service/";
    }

    /**
     * https, or http to a loopback host only (a sandbox): the delegate sends its token to the manager.
     */
    private static String managerUrl(String value) {
        String rule = "must be the Harness manager's https URL, e.g. https://app.harness.io or"
                + " https://app.harness.io/gratis, without query or fragment";
        if (value == null) {
            throw new InvalidInputException("managerUrl", rule);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("managerUrl", rule);
        }
        boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
        boolean scheme = "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback);
        if (!scheme
                || uri.getHost() == null
                || uri.getQuery() != null
                || uri.getFragment() != null
                || uri.getUserInfo() != null) {
            throw new InvalidInputException("managerUrl", rule);
        }
        return value.replaceAll("/+$", "");
    }

    private static boolean hasControl(String value) {
        return value.codePoints().anyMatch(Character::isISOControl);
    }

    /**
     * Written out so that it stays safe if the record ever grows a secret: {@code tokenSecretName} is the name of
     * the Secret holding the token, never the token.
     */
    @Override
    public String toString() {
        return "DelegateSpec[name=" + name + ", namespace=" + namespace + ", accountId=" + accountId + ", managerUrl="
                + managerUrl + ", image=" + image + ", tags=" + tags + ", description=" + description + ", replicas="
                + replicas + ", permissionLevel=" + permissionLevel + ", serviceAccount=" + serviceAccount
                + ", tokenSecretName=" + tokenSecretName + ", upgrader=" + upgrader + ", upgraderImage="
                + upgraderImage + "]";
    }

    /** For tests and embedding; steps parse their arguments instead. */
    public static final class Builder {
        private String name;
        private String namespace;
        private String accountId;
        private String managerUrl;
        private String image;
        private final List<String> tags = new ArrayList<>();
        private String description;
        private int replicas = 1;
        private PermissionLevel permissionLevel;
        private String serviceAccount;
        private String tokenSecretName;
        private boolean upgrader;
        private String upgraderImage;

        private Builder() {}

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder namespace(String value) {
            namespace = value;
            return this;
        }

        public Builder accountId(String value) {
            accountId = value;
            return this;
        }

        public Builder managerUrl(String value) {
            managerUrl = value;
            return this;
        }

        public Builder image(String value) {
            image = value;
            return this;
        }

        public Builder tag(String value) {
            tags.add(value);
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder replicas(int value) {
            replicas = value;
            return this;
        }

        public Builder permissionLevel(PermissionLevel value) {
            permissionLevel = value;
            return this;
        }

        public Builder serviceAccount(String value) {
            serviceAccount = value;
            return this;
        }

        public Builder tokenSecretName(String value) {
            tokenSecretName = value;
            return this;
        }

        public Builder upgrader(boolean value) {
            upgrader = value;
            return this;
        }

        public Builder upgraderImage(String value) {
            upgraderImage = value;
            return this;
        }

        public DelegateSpec build() {
            return new DelegateSpec(
                    name,
                    namespace,
                    accountId,
                    managerUrl,
                    image,
                    tags,
                    description,
                    replicas,
                    permissionLevel,
                    serviceAccount,
                    tokenSecretName,
                    upgrader,
                    upgraderImage);
        }
    }
}
