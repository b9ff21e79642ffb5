package dev.eksirsa.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.cluster.ClusterSpec;
import dev.eksirsa.engine.role.IrsaRoleSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one parser from argument maps to specs, for every step. */
class StepArgumentsTest {

    private static String fieldOf(Throwable e) {
        return ((InvalidInputException) e).field();
    }

    @Test
    void role_fromArguments_buildsTheSpecWithItsConnectionByReference() {
        IrsaRoleSpec spec = Steps.ROLE.parse(Map.of(
                "cluster", "demo",
                "namespace", "harness-delegate-ng",
                "serviceAccount", "delegate",
                "policyArns", List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
                "profile", "ops",
                "timeout", "5m",
                "targetExternalId", "ext-default",
                "targetRoles",
                        List.of(
                                Map.of("roleName", "Role-2", "connection", Map.of("profile", "second")),
                                Map.of(
                                        "roleName",
                                        "Role-3",
                                        "externalId",
                                        "own",
                                        "connection",
                                        Map.of(
                                                "credentialsEnv",
                                                Map.of("accessKeyId", "K3", "secretAccessKey", "S3"))))));

        assertThat(spec.roleName()).isEqualTo("demo-harness-delegate-ng-delegate");
        assertThat(spec.connection()).isEqualTo(ConnectionRef.profile("ops"));
        assertThat(spec.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(spec.targetRoles().get(0).externalId()).isEqualTo("ext-default");
        assertThat(spec.targetRoles().get(1).externalId()).isEqualTo("own");
        assertThat(spec.targetRoles().get(1).connection().credentialsEnv().accessKeyId())
                .isEqualTo("K3");
    }

    @Test
    void role_nestedErrors_nameTheFullKeyPath() {
        Map<String, Object> good = Map.of("roleName", "Role-2", "connection", Map.of("profile", "p"));
        assertThatThrownBy(() -> Steps.ROLE.parse(Map.of(
                        "cluster",
                        "demo",
                        "serviceAccounts",
                        List.of("ns/sa"),
                        "targetRoles",
                        List.of(
                                good,
                                Map.of(
                                        "roleName",
                                        "Role-3",
                                        "connection",
                                        Map.of("roleArn", "arn:aws:iam::123:policy/x"))))))
                .extracting(StepArgumentsTest::fieldOf)
                .isEqualTo("targetRoles[1].connection.roleArn");
        assertThatThrownBy(() -> Steps.ROLE.parse(Map.of(
                        "cluster",
                        "demo",
                        "serviceAccounts",
                        List.of("ns/sa"),
                        "targetRoles",
                        List.of(
                                good,
                                Map.of(
                                        "roleName",
                                        "Role-3",
                                        "maxSessionDuration",
                                        7200,
                                        "connection",
                                        Map.of("profile", "p"))))))
                .extracting(StepArgumentsTest::fieldOf)
                .isEqualTo("targetRoles[1].maxSessionDuration");
        assertThatThrownBy(
                        () -> Steps.ROLE.parse(Map.of("cluster", "demo", "serviceAccounts", List.of("ns/sa", "bad"))))
                .extracting(StepArgumentsTest::fieldOf)
                .isEqualTo("serviceAccounts[1]");
    }

    @Test
    void role_unknownAndConflictingKeys_areRefused() {
        assertThatThrownBy(() -> Steps.ROLE.parse(Map.of("cluster", "demo", "serviceAccount", "sa")))
                .extracting(StepArgumentsTest::fieldOf)
                .isEqualTo("namespace");
        assertThatThrownBy(() -> Steps.ROLE.parse(Map.of("cluster", "demo", "rolename", "x")))
                .extracting(StepArgumentsTest::fieldOf)
                .isEqualTo("rolename");
        assertThatThrownBy(() -> Steps.ROLE.parse(Map.of(
                        "cluster", "demo", "serviceAccounts", List.of("ns/sa"), "profile", "p", "credentialsId", "c")))
                .extracting(StepArgumentsTest::fieldOf)
                .isEqualTo("credentialsId");
        assertThatThrownBy(() -> Steps.ROLE.parse(
                        Map.of("cluster", "demo", "serviceAccounts", List.of("ns/sa"), "externalId", "e")))
                .extracting(StepArgumentsTest::fieldOf)
                .isEqualTo("externalId");
    }

    @Test
    void cluster_fromArguments_defaultsAndNodegroupRule() {
        ClusterSpec spec =
                Steps.CLUSTER.parse(Map.of("name", "demo", "nodegroupName", "ng", "maxSize", 5, "timeout", "10s"));
        assertThat(spec.nodegroup().minSize()).isEqualTo(1);
        assertThat(spec.nodegroup().desiredSize()).isEqualTo(2);
        assertThat(spec.nodegroup().maxSize()).isEqualTo(5);
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(spec.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(Steps.CLUSTER.parse(Map.of("name", "demo")).pollInterval()).isEqualTo(Duration.ofSeconds(30));

        assertThatThrownBy(() -> Steps.CLUSTER.parse(Map.of("name", "demo", "minSize", 0)))
                .extracting(StepArgumentsTest::fieldOf)
                .isEqualTo("minSize");
        assertThatThrownBy(() -> Steps.CLUSTER.parse(Map.of("create", true))).hasMessage("invalid name: is required");
        assertThatThrownBy(() -> Steps.CLUSTER.parse(Map.of("name", "demo", "kubernetesVersion", 1.30)))
                .hasMessageContaining("quote it");
    }

    @Test
    void everyStep_declaresTheSharedConnectionArguments() {
        for (Step<?, ?> step : Steps.all()) {
            assertThat(step.arguments().byName())
                    .containsKeys(
                            "region",
                            "profile",
                            "credentialsId",
                            "endpointUrl",
                            "roleArn",
                            "externalId",
                            "sessionName",
                            "duration",
                            "timeout");
            // every step that changes something can plan instead; verifyIrsa only reads
            assertThat(step.arguments().find("dryRun").isPresent())
                    .as(step.pipelineName())
                    .isEqualTo(step != Steps.VERIFY);
        }
    }
}
