package dev.eksirsa.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eksirsa.sandbox.fault.FaultRule;
import dev.eksirsa.sandbox.log.CallRecord;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults on a cluster's API server: dropped connections, 409 write conflicts, and a killed run. */
@RunsAgainst(Backend.SANDBOX_SDK)
class KubeFaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KubeTestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new KubeTestCluster("faulted");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @BeforeEach
    void reset() {
        cluster.faults.clear();
    }

    private static HttpResponse<String> createConfigMap(String name) {
        return cluster.send(
                "POST",
                "/api/v1/namespaces/default/configmaps",
                "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}}",
                "Bearer " + cluster.adminToken());
    }

    @Test
    void connectionReset_closesTheConnectionWithoutAnAnswer_andTheNextCallIsServed() {
        cluster.faults.add(FaultRule.connectionReset("kubernetes", "create configmaps", 1));

        assertThatThrownBy(() -> createConfigMap("dropped")).isInstanceOf(UncheckedIOException.class);
        assertThat(createConfigMap("served").statusCode()).isEqualTo(201);
        assertThat(cluster.log.matching(c -> c.action().equals("create configmaps")))
                .extracting(CallRecord::status)
                .containsExactly(500, 201);
    }

    @Test
    void conflict_answersWrites409WithTheApiServersMessage_andLetsReadsThrough() throws Exception {
        createConfigMap("contended");
        cluster.faults.add(FaultRule.conflict(null, 1));

        HttpResponse<String> read =
                cluster.get("/api/v1/namespaces/default/configmaps/contended", "Bearer " + cluster.adminToken());
        HttpResponse<String> write = cluster.send(
                "PUT",
                "/api/v1/namespaces/default/configmaps/contended",
                "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"contended\"},"
                        + "\"data\":{\"a\":\"b\"}}",
                "Bearer " + cluster.adminToken());

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(write.statusCode()).isEqualTo(409);
        JsonNode status = JSON.readTree(write.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("Conflict");
        assertThat(status.path("message").asText())
                .isEqualTo("Operation cannot be fulfilled on configmaps \"contended\": the object has been modified;"
                        + " please apply your changes to the latest version and try again");
        assertThat(status.path("details").path("name").asText()).isEqualTo("contended");
    }

    @Test
    void throttle_answers429WithRetryAfter() {
        cluster.faults.add(FaultRule.throttle("kubernetes", null, 1));

        HttpResponse<String> answer = createConfigMap("throttled");

        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After")).contains("1");
    }

    @Test
    void killedAfterTheSecondWrite_dropsEveryLaterCall_untilCleared() {
        cluster.faults.killAfterMutatingCalls(2);

        assertThat(createConfigMap("first").statusCode()).isEqualTo(201);
        assertThat(cluster.get("/api/v1/namespaces/default/configmaps", "Bearer " + cluster.adminToken())
                        .statusCode())
                .as("reads do not count")
                .isEqualTo(200);
        assertThat(createConfigMap("second").statusCode()).isEqualTo(201);
        assertThatThrownBy(() -> createConfigMap("third")).isInstanceOf(UncheckedIOException.class);

        cluster.faults.clear();
        assertThat(createConfigMap("third").statusCode()).isEqualTo(201);
    }
}
