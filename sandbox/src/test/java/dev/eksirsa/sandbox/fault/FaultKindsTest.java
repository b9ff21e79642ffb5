package dev.eksirsa.sandbox.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxClients;
import dev.eksirsa.sandbox.SandboxOptions;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;

/** The fault kinds on the AWS and Harness endpoints, in each service's own wire shape. */
@RunsAgainst(Backend.SANDBOX_SDK)
class FaultKindsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Sandbox sandbox;
    private static SandboxClients admin;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        admin = SandboxClients.admin(sandbox, sandbox.primary());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.faults().clear();
        sandbox.calls().clear();
    }

    private static String trust() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + sandbox.primary().accountId() + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private static HttpResponse<String> harness(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(sandbox.harness().uri() + path + "?accountIdentifier="
                                + sandbox.harness().account().accountId()))
                .header("x-api-key", sandbox.harness().account().apiKey())
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serviceUnavailable_answers503InEachServicesWords_andTheSdkRetriesIt() {
        sandbox.faults().add(FaultRule.serverError("eks", "ListClusters", 1, 503));
        sandbox.faults().add(FaultRule.serverError("iam", "GetRole", -1, 503));
        try (EksClient eks = admin.eks();
                IamClient iam = admin.iam()) {
            eks.listClusters();
            assertThatThrownBy(() -> iam.getRole(b -> b.roleName("any")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                    });
        }
        assertThat(sandbox.calls().matching(c -> c.action().equals("ListClusters")))
                .extracting(CallRecord::status)
                .containsExactly(503, 200);
    }

    @Test
    void serverError_refusesAStatusThatIsNot5xx() {
        assertThatThrownBy(() -> FaultRule.serverError("iam", null, 1, 429))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connectionReset_onAws_givesNoAnswer_whichTheSdkRetriesAsAnIoError() {
        sandbox.faults().add(FaultRule.connectionReset("iam", "CreateRole", 1));
        try (IamClient iam = admin.iam()) {
            iam.createRole(b -> b.roleName("after-reset").assumeRolePolicyDocument(trust()));

            sandbox.faults().add(FaultRule.connectionReset("iam", "GetRole", -1));
            assertThatThrownBy(() -> iam.getRole(b -> b.roleName("after-reset")))
                    .isInstanceOf(SdkClientException.class);
        }
        assertThat(sandbox.calls().matching(c -> c.action().equals("CreateRole")))
                .extracting(CallRecord::status)
                .containsExactly(0, 200);
    }

    @Test
    void connectionReset_onHarness_givesNoAnswer() {
        sandbox.faults().add(FaultRule.connectionReset("harness", null, -1));

        assertThatThrownBy(() -> harness("POST", "/ng/api/delegate-setup/listDelegates"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void serviceUnavailable_onHarness_answersTheHarnessErrorShape() throws Exception {
        sandbox.faults().add(FaultRule.serverError("harness", null, 1, 503));

        HttpResponse<String> answer = harness("GET", "/ng/api/delegate-setup/latest-supported-version");

        assertThat(answer.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(harness("GET", "/ng/api/delegate-setup/latest-supported-version")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void killedAfterTheKthMutatingCall_everyLaterCallOnAnyApiIsDropped_untilCleared() throws Exception {
        sandbox.faults().killAfterMutatingCalls(2);
        try (IamClient iam = admin.iam()) {
            iam.listRoles();
            iam.createRole(b -> b.roleName("killed-1").assumeRolePolicyDocument(trust()));
            iam.createRole(b -> b.roleName("killed-2").assumeRolePolicyDocument(trust()));

            assertThat(sandbox.faults().killed()).isTrue();
            assertThatThrownBy(iam::listRoles).isInstanceOf(SdkClientException.class);
            assertThatThrownBy(() -> harness("GET", "/ng/api/delegate-setup/latest-supported-version"))
                    .isInstanceOf(IOException.class);

            sandbox.faults().clear();
            assertThat(iam.listRoles().roles()).extracting(r -> r.roleName()).contains("killed-1", "killed-2");
        }
    }

    @Test
    void throttling_answersEachServicesThrottlingError() throws Exception {
        sandbox.faults().add(FaultRule.throttle("harness", null, 1));

        HttpResponse<String> answer = harness("GET", "/ng/api/delegate-setup/latest-supported-version");

        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
    }
}
