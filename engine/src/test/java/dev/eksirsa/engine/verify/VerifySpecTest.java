package dev.eksirsa.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** verifyIrsa's own rules, each refused naming its field before any call. */
class VerifySpecTest {

    private static Map<String, Object> base() {
        return new LinkedHashMap<>(Map.of("cluster", "prod", "namespace", "apps", "serviceAccount", "web"));
    }

    private static void refused(Map<String, Object> args, String field) {
        assertThatThrownBy(() -> VerifySpec.fromArguments(args))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void defaults_liveWithTheStsAudience() {
        VerifySpec spec = VerifySpec.fromArguments(base());
        assertThat(spec.live()).isTrue();
        assertThat(spec.audience()).isEqualTo("sts.amazonaws.com");
        assertThat(spec.hops()).isEmpty();
    }

    @Test
    void eachRule_isRefusedNamingItsField() {
        Map<String, Object> policyHop = base();
        policyHop.put("assumeRoleArns", List.of("arn:aws:iam::aws:policy/AmazonS3FullAccess"));
        refused(policyHop, "assumeRoleArns[0]");

        Map<String, Object> unknownProbe = base();
        unknownProbe.put("probes", List.of("s3:DeleteBucket"));
        refused(unknownProbe, "probes[0]");

        Map<String, Object> probesOffline = base();
        probesOffline.put("probes", List.of("ec2:DescribeRegions"));
        probesOffline.put("live", false);
        refused(probesOffline, "probes");

        Map<String, Object> account = base();
        account.put("expectedAccount", "12345");
        refused(account, "expectedAccount");

        Map<String, Object> namespace = base();
        namespace.put("namespace", "Apps");
        refused(namespace, "namespace");

        Map<String, Object> missing = base();
        missing.remove("serviceAccount");
        refused(missing, "serviceAccount");
    }
}
