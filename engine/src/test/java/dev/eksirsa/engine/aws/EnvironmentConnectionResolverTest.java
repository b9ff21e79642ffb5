package dev.eksirsa.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.api.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentConnectionResolverTest {

    @Test
    void passedEnvironment_winsOverTheProcess() {
        // whatever this JVM's own environment says, the build's environment decides
        Map<String, String> build = Map.of(
                "AWS_REGION", "eu-north-1",
                "AWS_ACCESS_KEY_ID", "AKIABUILDENVIRONMENT",
                "AWS_SECRET_ACCESS_KEY", "build-secret",
                "BUILD_TAG", "jenkins-app-42");
        AwsConnection c = new EnvironmentConnectionResolver(build, true)
                .resolve(ConnectionRef.assumeRole("arn:aws:iam::111122223333:role/deploy", null), null);

        assertThat(c.region()).isEqualTo("eu-north-1");
        assertThat(c.credentials()).isInstanceOf(CredentialsSource.StaticKeys.class);
        assertThat(((CredentialsSource.StaticKeys) c.credentials()).accessKeyId())
                .isEqualTo("AKIABUILDENVIRONMENT");
        assertThat(c.assumeRole().sessionName()).isEqualTo("eks-irsa-jenkins-app-42");
    }

    @Test
    void withoutProcessDefaults_missingRegionOrCredentials_isBadInput() {
        EnvironmentConnectionResolver strict = new EnvironmentConnectionResolver(Map.of(), false);
        assertThatThrownBy(() -> strict.resolve(ConnectionRef.DEFAULT, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("region");
        assertThatThrownBy(() -> strict.resolve(ConnectionRef.DEFAULT.withRegion("us-east-1"), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no credentials");
    }

    @Test
    void credentialsEnv_readsTheNamedVariablesOfThePassedEnvironment_only() {
        ConnectionRef ref = ConnectionRef.credentialsEnv(new ConnectionRef.CredentialsEnv("K", "S", "T"));
        AwsConnection base = new EnvironmentConnectionResolver(Map.of("AWS_PROFILE", "main"), true)
                .resolve(ConnectionRef.DEFAULT.withRegion("us-west-2"), null);

        AwsConnection c = new EnvironmentConnectionResolver(Map.of("K", "AKIATARGET", "S", "s3cr3t", "T", "tok"), false)
                .resolve(ref, base);

        assertThat(c.region()).isEqualTo("us-west-2");
        assertThat(c.credentials().toString())
                .contains("AKIATARGET")
                .doesNotContain("s3cr3t")
                .doesNotContain("tok");
        assertThatThrownBy(() -> new EnvironmentConnectionResolver(Map.of("K", "AKIATARGET"), false).resolve(ref, base))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("K and S must be set");
    }

    @Test
    void targetRoleArn_isAssumedWithTheBaseCredentials() {
        AwsConnection base = new EnvironmentConnectionResolver(Map.of("AWS_PROFILE", "main"), true)
                .resolve(
                        ConnectionRef.assumeRole("arn:aws:iam::111122223333:role/first", null)
                                .withRegion("us-east-1"),
                        null);
        AwsConnection target = new EnvironmentConnectionResolver(Map.of(), false)
                .resolve(ConnectionRef.assumeRole("arn:aws:iam::444455556666:role/second", "ext-1"), base);

        assertThat(target.credentials()).isEqualTo(CredentialsSource.profile("main"));
        assertThat(target.assumeRole().roleArn()).isEqualTo("arn:aws:iam::444455556666:role/second");
        assertThat(target.assumeRole().externalId()).isEqualTo("ext-1");
    }

    @Test
    void targetRegion_overridesTheBaseRegion_andOtherwiseFollowsIt() {
        AwsConnection base = new EnvironmentConnectionResolver(Map.of("AWS_PROFILE", "main"), true)
                .resolve(ConnectionRef.DEFAULT.withRegion("us-west-2"), null);
        EnvironmentConnectionResolver targets =
                new EnvironmentConnectionResolver(Map.of("K", "AKIAX", "S", "s"), false);
        ConnectionRef second = ConnectionRef.credentialsEnv(new ConnectionRef.CredentialsEnv("K", "S", null));

        assertThat(targets.resolve(second.withRegion("eu-west-1"), base).region())
                .isEqualTo("eu-west-1");
        assertThat(targets.resolve(second, base).region()).isEqualTo("us-west-2");
    }

    @Test
    void profile_mustExistInTheEnvironmentsFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path credentials = java.nio.file.Files.writeString(
                dir.resolve("credentials"), "[deploy]\naws_access_key_id = AKIAX\naws_secret_access_key = s3cr3t\n");
        EnvironmentConnectionResolver resolver = new EnvironmentConnectionResolver(
                Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString(), "AWS_REGION", "us-east-1"), false);

        assertThat(resolver.resolve(ConnectionRef.profile("deploy"), null).credentials())
                .isEqualTo(CredentialsSource.profile("deploy"));
        java.nio.file.Path config = java.nio.file.Files.writeString(
                dir.resolve("config"),
                "[profile ops]\nrole_arn = arn:aws:iam::111122223333:role/ops\nsource_profile = deploy\n");
        EnvironmentConnectionResolver withConfig = new EnvironmentConnectionResolver(
                Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_REGION", "us-east-1"), false);
        assertThat(withConfig.resolve(ConnectionRef.profile("ops"), null).credentials())
                .isEqualTo(CredentialsSource.profile("ops"));
        assertThatThrownBy(() -> resolver.resolve(ConnectionRef.profile("nosuch"), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid profile: there is no profile nosuch in [" + credentials + "]")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void credentialsEnv_namesMustBeVariableNames() {
        for (String[] names : new String[][] {{"BAD NAME", "S", null}, {"K", "S=1", null}, {"K", "S", "-TOKEN"}}) {
            assertThatThrownBy(() -> new ConnectionRef.CredentialsEnv(names[0], names[1], names[2]))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("must name an environment variable");
        }
        assertThat(new ConnectionRef.CredentialsEnv("K", "S", "T").toString()).isEqualTo("{K, S, T}");
    }

    @Test
    void storedCredentials_areUsedForTheirId_withTheStoresRoleUnlessTheStepNamesOne() {
        StoredCredentials stored = new StoredCredentials(
                "AKIASTORED", "stored-secret", null, "arn:aws:iam::111122223333:role/from-store", "ext-store");
        EnvironmentConnectionResolver resolver =
                new EnvironmentConnectionResolver(Map.of("AWS_REGION", "us-east-1"), false, Map.of("prod", stored));
        ConnectionRef byId = new ConnectionRef(null, "prod", null, null, null, null, null, null, null);

        AwsConnection viaStore = resolver.resolve(byId, null);
        assertThat(((CredentialsSource.StaticKeys) viaStore.credentials()).accessKeyId())
                .isEqualTo("AKIASTORED");
        assertThat(viaStore.assumeRole().roleArn()).isEqualTo("arn:aws:iam::111122223333:role/from-store");
        assertThat(viaStore.assumeRole().externalId()).isEqualTo("ext-store");

        AwsConnection stepsRole = resolver.resolve(
                new ConnectionRef(
                        null, "prod", null, "arn:aws:iam::111122223333:role/step", null, null, null, null, null),
                null);
        assertThat(stepsRole.assumeRole().roleArn()).isEqualTo("arn:aws:iam::111122223333:role/step");
        assertThat(stored.toString()).doesNotContain("stored-secret");
        assertThatThrownBy(() -> resolver.resolve(
                        new ConnectionRef(null, "other", null, null, null, null, null, null, null), null))
                .hasMessageContaining("no AWS credentials with id other");
    }

    @Test
    void credentialsId_isOnlyForJenkins() {
        ConnectionRef ref = new ConnectionRef(null, "aws-prod", null, null, null, null, null, "us-east-1", null);
        assertThatThrownBy(() -> new EnvironmentConnectionResolver(Map.of(), true).resolve(ref, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("credentialsId");
    }

    @Test
    void connectionRef_refusesOptionsOfARoleWithoutTheRole() {
        assertThatThrownBy(() -> new ConnectionRef(null, null, null, null, "ext", null, null, null, null))
                .hasMessage("invalid externalId: is only used with roleArn (a role to assume first)");
        assertThatThrownBy(() -> new ConnectionRef("p", "id", null, null, null, null, null, null, null))
                .hasMessageContaining(
                        "invalid credentialsId: give at most one of profile, credentialsId and credentialsEnv");
        ConnectionRef.CredentialsEnv names = new ConnectionRef.CredentialsEnv("K", "S", null);
        assertThatThrownBy(() -> new ConnectionRef("p", null, names, null, null, null, null, null, null))
                .hasMessageContaining("invalid credentialsEnv: give at most one of");
        assertThatThrownBy(() -> new ConnectionRef(null, "id", names, null, null, null, null, null, null))
                .hasMessageContaining("invalid credentialsId: give at most one of");
        assertThat(ConnectionRef.assumeRole("arn:aws:iam::111122223333:role/r", "very-secret-id")
                        .toString())
                .doesNotContain("very-secret-id");
    }
}
