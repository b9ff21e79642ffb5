package dev.eksirsa.engine.kube;

import dev.eksirsa.engine.api.InvalidInputException;
import java.util.regex.Pattern;

/** Kubernetes' name rules for the objects IRSA touches (apimachinery's DNS-1123 label and subdomain). */
public final class KubernetesNames {
    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");

    private KubernetesNames() {}

    /** Namespaces are DNS-1123 labels. */
    public static String namespace(String field, String value) {
        if (value == null
                || value.length() > 63
                || !DNS1123_LABEL.matcher(value).matches()) {
            throw new InvalidInputException(
                    field,
                    "must be a namespace, a DNS-1123 label: 1-63 lower-case letters, digits or '-',"
                            + " starting and ending with a letter or digit");
        }
        return value;
    }

    /** Service account names are DNS-1123 subdomains. */
    public static String serviceAccount(String field, String value) {
        if (value == null
                || value.length() > 253
                || !DNS1123_SUBDOMAIN.matcher(value).matches()) {
            throw new InvalidInputException(
                    field,
                    "must be a service account name, a DNS-1123 subdomain: at most 253 lower-case"
                            + " letters, digits, '-' or '.', each dot-separated part starting and ending with a letter"
                            + " or digit");
        }
        return value;
    }

    /** A name with {@code *} wildcards: the rest must still be made of allowed characters. */
    public static String pattern(String field, String value, int maxLength) {
        if (value == null || value.length() > maxLength || !value.matches("[-a-z0-9.*]+")) {
            throw new InvalidInputException(
                    field, "a pattern may contain only lower-case letters, digits, '-', '.' and '*'");
        }
        return value;
    }
}
