package dev.eksirsa.sandbox.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxClients;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The pace a sandbox started for a benchmark keeps: a round trip on every API, and IAM's write rate. */
@RunsAgainst(Backend.SANDBOX_SDK)
class SandboxPacingTest {
    private static final String ROOT_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    @Test
    void iamWritesBeyondTheAccountsRate_answerThrottling_whichTheSdkRetries_whileReadsAreNotCounted() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withIamWriteRate(2));
                IamClient iam = SandboxClients.admin(sandbox, sandbox.primary()).iam()) {
            for (int i = 0; i < 5; i++) {
                iam.listRoles();
            }
            for (int i = 0; i < 4; i++) {
                String name = "paced-" + i;
                iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(ROOT_TRUST));
            }

            List<CallRecord> creates = sandbox.calls().matching(c -> c.action().equals("CreateRole"));
            assertThat(creates).extracting(CallRecord::status).contains(400).endsWith(200);
            assertThat(creates.stream().filter(c -> c.status() == 200)).hasSize(4);
            assertThat(sandbox.calls().matching(c -> c.action().equals("ListRoles")))
                    .extracting(CallRecord::status)
                    .containsOnly(200);
            assertThat(iam.listRoles().roles())
                    .filteredOn(r -> r.roleName().startsWith("paced-"))
                    .hasSize(4);
        }
    }

    @Test
    void eachAccountWritesAtItsOwnRate() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withIamWriteRate(1));
                IamClient first =
                        SandboxClients.admin(sandbox, sandbox.primary()).iam();
                IamClient second =
                        SandboxClients.admin(sandbox, sandbox.secondary()).iam()) {
            first.createRole(b -> b.roleName("one").assumeRolePolicyDocument(ROOT_TRUST));
            second.createRole(b -> b.roleName("one").assumeRolePolicyDocument(ROOT_TRUST));

            assertThat(sandbox.calls().matching(c -> c.action().equals("CreateRole")))
                    .extracting(CallRecord::status)
                    .containsExactly(200, 200);
        }
    }

    @Test
    void theCallLatency_delaysAwsAndHarnessCalls() throws Exception {
        Duration latency = Duration.ofMillis(150);
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withCallLatency(latency));
                StsClient sts = SandboxClients.admin(sandbox, sandbox.primary()).sts()) {
            sts.getCallerIdentity(); // the client's first call pays for its set-up too
            long started = System.nanoTime();
            sts.getCallerIdentity();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(latency);

            HttpRequest version = HttpRequest.newBuilder(URI.create(sandbox.harness()
                                    .uri() + "/ng/api/delegate-setup/latest-supported-version?accountIdentifier="
                            + sandbox.harness().account().accountId()))
                    .header("x-api-key", sandbox.harness().account().apiKey())
                    .build();
            started = System.nanoTime();
            HttpResponse<String> answer =
                    HttpClient.newHttpClient().send(version, HttpResponse.BodyHandlers.ofString());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(latency);
            assertThat(answer.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theSandboxsServersSendTheirAnswersWithoutNagleDelay() {
        // the JDK server writes headers and body apart: with Nagle's algorithm each answer waited ~40 ms for the
        // client's delayed ACK, on top of any latency a benchmark asked for
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            assertThat(sandbox.awsEndpoint()).isNotNull();
            assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
        }
    }

    @Test
    void faultsClearedByATest_keepTheSandboxsCallLatency() {
        Faults faults = new Faults();
        faults.baseLatency(Duration.ofMillis(60));
        faults.clear();
        long started = System.nanoTime();
        faults.beforeCall("iam", "GetRole");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
    }
}
