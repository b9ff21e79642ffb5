package dev.eksirsa.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.StoredCredentials;
import dev.eksirsa.engine.aws.eks.SandboxAws;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.testkit.Backend;
import dev.eksirsa.testkit.RunsAgainst;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The value a Jenkins step sends to its agent, and the Jenkins-free body that runs it. */
@RunsAgainst(Backend.SANDBOX_SDK)
class StepCallTest {
    private static Sandbox sandbox;
    private static Map<String, StoredCredentials> credentials;

    @BeforeAll
    static void start() {
        sandbox = SandboxAws.fastSandbox();
        credentials = Map.of(
                "aws-prod",
                StoredCredentials.keys(
                        sandbox.primary().accessKeyId(), sandbox.primary().secretAccessKey(), null),
                "aws-second",
                StoredCredentials.keys(
                        sandbox.secondary().accessKeyId(), sandbox.secondary().secretAccessKey(), null));
        Map<String, Object> cluster = Map.of(
                "name", "call-cluster",
                "create", true,
                "timeout", "20s",
                "credentialsId", "aws-prod",
                "endpointUrl", sandbox.awsEndpoint().toString());
        new StepCall("eksIrsaCluster", cluster, Map.of("AWS_REGION", sandbox.region()), credentials, false)
                .run(ProgressListener.NONE);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** A Pipeline's argument map, as CPS Groovy hands it over: mutable maps and lists. */
    private static Map<String, Object> roleArguments() {
        Map<String, Object> connection = new LinkedHashMap<>(Map.of("credentialsId", "aws-second"));
        Map<String, Object> target = new LinkedHashMap<>(Map.of("roleName", "call-role-2", "connection", connection));
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("cluster", "call-cluster");
        arguments.put("namespace", "apps");
        arguments.put("serviceAccount", "web");
        arguments.put("credentialsId", "aws-prod");
        arguments.put("endpointUrl", sandbox.awsEndpoint().toString());
        arguments.put("targetRoles", new ArrayList<>(List.of(target)));
        return arguments;
    }

    @Test
    void call_survivesSerialization_andRunsTheStepWithTheStoredCredentials() throws Exception {
        StepCall call =
                new StepCall("irsaRole", roleArguments(), Map.of("AWS_REGION", sandbox.region()), credentials, false);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(call);
        }
        StepCall received;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            received = (StepCall) in.readObject();
        }
        assertThat(received).isEqualTo(call);

        Map<String, Object> result = received.run(ProgressListener.NONE);

        assertThat(result.get("roleArn"))
                .asString()
                .contains(":" + sandbox.primary().accountId() + ":role/");
        assertThat(result.get("targetRoleArns").toString())
                .contains(sandbox.secondary().accountId() + ":role/call-role-2");
        assertThat(result.toString())
                .doesNotContain(sandbox.primary().secretAccessKey())
                .doesNotContain(sandbox.secondary().secretAccessKey());
    }

    @Test
    void toString_namesKeysAndIdsOnly() {
        StepCall call =
                new StepCall("irsaRole", roleArguments(), Map.of("SOME_TOKEN", "t0ken-value"), credentials, false);

        assertThat(call.toString())
                .contains("irsaRole", "credentialsId", "aws-prod")
                .doesNotContain(sandbox.primary().secretAccessKey())
                .doesNotContain("t0ken-value");
    }

    @Test
    void unknownStepOrCredentialsId_isBadInputBeforeAnyCall() {
        assertThatThrownBy(() -> new StepCall("harnessDelegat", Map.of(), Map.of(), Map.of(), false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("eksIrsaCluster");
        Map<String, Object> arguments = roleArguments();
        arguments.put("credentialsId", "no-such-id");
        sandbox.calls().clear();

        assertThatThrownBy(() -> new StepCall(
                                "irsaRole", arguments, Map.of("AWS_REGION", sandbox.region()), credentials, false)
                        .run(ProgressListener.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no AWS credentials with id no-such-id");
        assertThat(sandbox.calls().all()).isEmpty();
    }

    @Test
    void onTheController_withoutTheAdministratorsConsent_profilesAndEnvironmentKeysAreRefusedBeforeAnyCall() {
        sandbox.calls().clear();
        Map<String, Object> withProfile = roleArguments();
        withProfile.remove("credentialsId");
        withProfile.put("profile", "controller-admin");
        assertThatThrownBy(() -> StepCall.onController("irsaRole", withProfile, Map.of(), credentials, false))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("profile"));

        Map<String, Object> targetFromEnv = roleArguments();
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) ((List<?>) targetFromEnv.get("targetRoles")).get(0);
        target.put("connection", Map.of("credentialsEnv", Map.of("accessKeyId", "K", "secretAccessKey", "S")));
        assertThatThrownBy(() -> StepCall.onController("irsaRole", targetFromEnv, Map.of(), credentials, false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field())
                        .isEqualTo("targetRoles[0].connection.credentialsEnv"));

        Map<String, Object> targetProfile = roleArguments();
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) ((List<?>) targetProfile.get("targetRoles")).get(0);
        second.put("connection", Map.of("profile", "other"));
        assertThatThrownBy(() -> StepCall.onController("irsaRole", targetProfile, Map.of(), credentials, false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field())
                        .isEqualTo("targetRoles[0].connection.profile"));

        Map<String, Object> noId = roleArguments();
        noId.remove("credentialsId");
        assertThatThrownBy(() -> StepCall.onController("irsaRole", noId, Map.of(), credentials, false))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("credentialsId"));
        assertThat(sandbox.calls().all()).isEmpty();
    }

    @Test
    void onTheController_theControllersIdentityVariablesAreWithheld_unlessAllowed() {
        Map<String, String> controllerEnv = new LinkedHashMap<>();
        controllerEnv.put("AWS_REGION", sandbox.region());
        controllerEnv.put("BUILD_TAG", "jenkins-job-7");
        for (String variable : StepCall.PROCESS_IDENTITY_VARIABLES) {
            controllerEnv.put(variable, "controller-" + variable);
        }
        StepCall withheld = StepCall.onController("irsaRole", roleArguments(), controllerEnv, credentials, false);
        assertThat(withheld.processDefaults()).isFalse();
        assertThat(withheld.environment())
                .containsOnlyKeys("AWS_REGION", "BUILD_TAG")
                .doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE", "HOME");

        StepCall allowed = StepCall.onController("irsaRole", roleArguments(), controllerEnv, credentials, true);
        assertThat(allowed.processDefaults()).isTrue();
        assertThat(allowed.environment()).containsAllEntriesOf(controllerEnv);
    }

    @Test
    void onTheController_withAJenkinsCredentialsId_theStepRuns() {
        Map<String, String> controllerEnv = Map.of(
                "AWS_REGION", sandbox.region(),
                // keys of the controller's own process: withheld, so the stored credentials are what is used
                "AWS_ACCESS_KEY_ID", "AKIACONTROLLER000000",
                "AWS_SECRET_ACCESS_KEY", "controller-secret");
        Map<String, Object> result = StepCall.onController(
                        "irsaRole", roleArguments(), controllerEnv, credentials, false)
                .run(ProgressListener.NONE);
        assertThat((String) result.get("roleArn"))
                .contains(":" + sandbox.primary().accountId() + ":role/");
    }
}
