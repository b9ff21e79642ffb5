package dev.eksirsa.sandbox.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** K8sCluster and Aws connectors per scope (account, org, project), with Harness's validation. */
final class Connectors {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_][0-9a-zA-Z_$]{0,127}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-cn|-us-gov)?:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final List<String> AWS_CREDENTIALS =
            List.of("ManualConfig", "Irsa", "InheritFromDelegate", "OidcAuthentication");
    private static final List<String> K8S_CREDENTIALS = List.of("InheritFromDelegate", "ManualConfig");

    record Stored(ObjectNode connector, long createdAt, long lastModifiedAt) {}

    /** A validation failure, in Harness's words. */
    static final class Invalid extends Exception {
        final String code;

        Invalid(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private final Clock clock;
    private final Map<String, Stored> byKey = new LinkedHashMap<>();

    Connectors(Clock clock) {
        this.clock = clock;
    }

    static String key(String account, String org, String project, String identifier) {
        return account + "/" + (org == null ? "" : org) + "/" + (project == null ? "" : project) + "/" + identifier;
    }

    synchronized Stored create(String scope, JsonNode body) throws Invalid {
        ObjectNode connector = validate(body);
        String key = scope + "/" + connector.path("identifier").asText();
        if (byKey.containsKey(key)) {
            throw new Invalid(
                    "DUPLICATE_FIELD",
                    "Connector [" + connector.path("identifier").asText() + "] already exists in this scope");
        }
        Stored stored = new Stored(connector, clock.millis(), clock.millis());
        byKey.put(key, stored);
        return stored;
    }

    synchronized Stored update(String scope, JsonNode body) throws Invalid {
        ObjectNode connector = validate(body);
        String key = scope + "/" + connector.path("identifier").asText();
        Stored existing = byKey.get(key);
        if (existing == null) {
            throw new Invalid(
                    "RESOURCE_NOT_FOUND_EXCEPTION",
                    "Connector with identifier [" + connector.path("identifier").asText() + "] not found");
        }
        Stored stored = new Stored(connector, existing.createdAt(), clock.millis());
        byKey.put(key, stored);
        return stored;
    }

    synchronized Optional<Stored> get(String scope, String identifier) {
        return Optional.ofNullable(byKey.get(scope + "/" + identifier));
    }

    synchronized boolean delete(String scope, String identifier) {
        return byKey.remove(scope + "/" + identifier) != null;
    }

    private static ObjectNode validate(JsonNode body) throws Invalid {
        JsonNode connector = body == null ? null : body.path("connector");
        if (connector == null || !connector.isObject()) {
            throw new Invalid("INVALID_REQUEST", "connector: must not be null");
        }
        String name = connector.path("name").asText("");
        String identifier = connector.path("identifier").asText("");
        if (name.isBlank()) {
            throw new Invalid("INVALID_REQUEST", "name: cannot be empty");
        }
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw new Invalid(
                    "INVALID_REQUEST",
                    "identifier: can be 128 characters long and can only contain alphanumeric, underscore and $"
                            + " characters, and not start with a number");
        }
        String type = connector.path("type").asText("");
        JsonNode spec = connector.path("spec");
        JsonNode credential = spec.path("credential");
        String credentialType = credential.path("type").asText("");
        List<String> selectors = ConnectionTests.strings(spec.path("delegateSelectors"));
        switch (type) {
            case "K8sCluster" -> {
                if (!K8S_CREDENTIALS.contains(credentialType)) {
                    throw new Invalid("INVALID_REQUEST", "spec.credential.type: must be one of " + K8S_CREDENTIALS);
                }
                if (credentialType.equals("InheritFromDelegate") && selectors.isEmpty()) {
                    throw new Invalid(
                            "INVALID_REQUEST",
                            "Delegate Selectors cannot be empty for a connector inheriting credentials from the delegate");
                }
                if (credentialType.equals("ManualConfig")
                        && credential.path("spec").path("masterUrl").asText("").isBlank()) {
                    throw new Invalid("INVALID_REQUEST", "spec.credential.spec.masterUrl: cannot be empty");
                }
            }
            case "Aws" -> {
                if (!AWS_CREDENTIALS.contains(credentialType)) {
                    throw new Invalid("INVALID_REQUEST", "spec.credential.type: must be one of " + AWS_CREDENTIALS);
                }
                if ((credentialType.equals("Irsa") || credentialType.equals("InheritFromDelegate"))
                        && selectors.isEmpty()) {
                    throw new Invalid(
                            "INVALID_REQUEST",
                            "Delegate Selectors cannot be empty for credential type " + credentialType);
                }
                if (credentialType.equals("ManualConfig")
                        && credential
                                .path("spec")
                                .path("secretKeyRef")
                                .asText("")
                                .isBlank()) {
                    throw new Invalid("INVALID_REQUEST", "spec.credential.spec.secretKeyRef: cannot be empty");
                }
                String crossRole = credential
                        .path("crossAccountAccess")
                        .path("crossAccountRoleArn")
                        .asText("");
                if (!crossRole.isEmpty() && !ROLE_ARN.matcher(crossRole).matches()) {
                    throw new Invalid(
                            "INVALID_REQUEST", "crossAccountAccess.crossAccountRoleArn: is not a valid IAM role ARN");
                }
            }
            default -> throw new Invalid("INVALID_REQUEST", "type: unsupported connector type [" + type + "]");
        }
        return connector.deepCopy();
    }
}
