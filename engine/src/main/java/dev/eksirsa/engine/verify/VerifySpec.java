package dev.eksirsa.engine.verify;

import dev.eksirsa.engine.api.Arguments;
import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.api.InputRules;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.aws.VerifyAws;
import dev.eksirsa.engine.kube.KubernetesNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The verify step's parsed arguments. */
public record VerifySpec(
        String cluster,
        String namespace,
        String serviceAccount,
        List<String> hops,
        String hopExternalId,
        List<String> probes,
        boolean live,
        boolean failOnWarning,
        String expectedAccount,
        String audience,
        String junitFile,
        String htmlFile,
        ConnectionRef connection,
        Duration timeout) {

    public static VerifySpec fromArguments(Map<String, ?> raw) {
        Arguments a = VerifyArgs.ARGUMENTS.parse(raw);
        InputRules.clusterName("cluster", a.string("cluster"));
        KubernetesNames.namespace("namespace", a.string("namespace"));
        KubernetesNames.serviceAccount("serviceAccount", a.string("serviceAccount"));
        List<String> hops = a.strings("assumeRoleArns");
        for (int i = 0; i < hops.size(); i++) {
            InputRules.roleArn("assumeRoleArns[" + i + "]", hops.get(i));
        }
        List<String> probes = a.strings("probes");
        for (int i = 0; i < probes.size(); i++) {
            if (!VerifyAws.PROBES.contains(probes.get(i))) {
                throw new InvalidInputException("probes[" + i + "]", "must be one of " + VerifyAws.PROBES);
            }
        }
        if (!probes.isEmpty() && !a.bool("live")) {
            throw new InvalidInputException("probes", "need the live check (live: true)");
        }
        String hopExternalId = InputRules.externalId("hopExternalId", a.string("hopExternalId"));
        if (hopExternalId != null && hops.isEmpty()) {
            throw new InvalidInputException("hopExternalId", "needs assumeRoleArns (the hops whose trust requires it)");
        }
        String audience = a.string("audience");
        if (audience.isBlank() || audience.length() > 255 || audience.contains("*")) {
            throw new InvalidInputException("audience", "must be 1-255 characters without wildcards");
        }
        Duration timeout = a.has("timeout") ? a.duration("timeout") : Duration.ofMinutes(2);
        if (timeout.isZero()) {
            throw new InvalidInputException("timeout", "must be positive");
        }
        String expected = a.string("expectedAccount");
        if (expected != null && !expected.matches("\\d{12}")) {
            throw new InvalidInputException("expectedAccount", "must be a 12-digit AWS account id");
        }
        return new VerifySpec(
                a.string("cluster"),
                a.string("namespace"),
                a.string("serviceAccount"),
                hops,
                hopExternalId,
                probes,
                a.bool("live"),
                a.bool("failOnWarning"),
                expected,
                audience,
                a.string("junitFile"),
                a.string("htmlFile"),
                ConnectionRef.fromArguments(a),
                timeout);
    }
}
