package io.jenkins.plugins.eksirsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxOptions;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every step and builder in a real Jenkins against an in-process sandbox. Runs where the Jenkins repository is
 * reachable (./mvnw -Pjenkins -pl plugin -am verify); elsewhere it is compiled against the API declarations only.
 */
@WithJenkins
class EksIrsaStepsTest {
    private static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofMillis(300))
                .withNodegroupActivationDelay(Duration.ofMillis(300)));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void credentials(JenkinsRule r) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new AWSCredentialsImpl(
                CredentialsScope.GLOBAL,
                "aws-prod",
                sandbox.primary().accessKeyId(),
                sandbox.primary().secretAccessKey(),
                "sandbox primary account"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new AWSCredentialsImpl(
                CredentialsScope.GLOBAL,
                "aws-shared",
                sandbox.secondary().accessKeyId(),
                sandbox.secondary().secretAccessKey(),
                "sandbox second account"));
        SystemCredentialsProvider.getInstance().save();
    }

    private static String common() {
        return "region: '" + sandbox.region() + "', credentialsId: 'aws-prod', endpointUrl: '" + sandbox.awsEndpoint()
                + "'";
    }

    @Test
    void pipeline_runsBothSteps_andUsesTheirReturnValues(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        WorkflowJob job = r.createProject(WorkflowJob.class, "runbook");
        job.setDefinition(new CpsFlowDefinition(
                "node('" + agent.getNodeName() + "') {\n"
                        + "  def cluster = eksIrsaCluster(name: 'jenkins', create: true, timeout: '2m', " + common() + ")\n"
                        + "  assert cluster.oidcProviderArn.contains(':oidc-provider/')\n"
                        + "  def role = irsaRole(cluster: cluster.name, namespace: 'harness-delegate-ng',"
                        + " serviceAccount: 'delegate', tags: [team: 'platform'], " + common() + ",\n"
                        + "      targetRoles: [[roleName: 'Role-2', connection: [credentialsId: 'aws-shared']]])\n"
                        + "  assert role.roleArn.endsWith(':role/jenkins-harness-delegate-ng-delegate')\n"
                        + "  assert role.targetRoleArns.size() == 1\n"
                        + "  echo \"ROLE ${role.roleArn}\"\n"
                        + "}\n",
                true));
        WorkflowRun run = r.buildAndAssertSuccess(job);
        r.assertLogContains("[eksIrsaCluster]", run);
        r.assertLogContains("ROLE arn:aws:iam::" + sandbox.primary().accountId(), run);
        r.assertLogNotContains(sandbox.primary().secretAccessKey(), run);
        r.assertLogNotContains(sandbox.secondary().secretAccessKey(), run);
        r.assertLogNotContains("\tat ", run);
    }

    @Test
    void pipeline_dryRun_returnsThePlanAndChangesNothing(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "plan");
        job.setDefinition(new CpsFlowDefinition(
                "def role = irsaRole(oidcProviderArn: 'arn:aws:iam::" + sandbox.primary().accountId()
                        + ":oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/PLAN', namespace: 'a', serviceAccount: 'b',"
                        + " dryRun: true, " + common() + ")\n"
                        + "assert role.dryRun\nassert role.changes\n",
                true));
        r.buildAndAssertSuccess(job);
    }

    @Test
    void outsideNode_theControllersIdentity_isNotLent(JenkinsRule r) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "borrow");
        job.setDefinition(new CpsFlowDefinition(
                "eksIrsaCluster(name: 'x', region: 'us-east-1', endpointUrl: '" + sandbox.awsEndpoint() + "')\n", true));
        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("credentialsId", run);
        r.assertLogContains("controller", run);
        r.assertLogNotContains("\tat ", run);
    }

    @Test
    void badArguments_failWithTheFieldNamed_beforeAnyCall(JenkinsRule r) throws Exception {
        sandbox.calls().clear();
        WorkflowJob job = r.createProject(WorkflowJob.class, "typo");
        job.setDefinition(new CpsFlowDefinition(
                "irsaRole(cluster: 'x', namespace: 'a', serviceAccount: 'b', targetRoles: [[roleName: 'r', connection: [credentialId: 'c']]], " + common() + ")\n",
                true));
        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("targetRoles[0].connection.credentialId", run);
        assertTrue(sandbox.calls().all().isEmpty());
    }

    @Test
    void freestyle_exportsTheResultAsVariables_andRoundTripsItsConfiguration(JenkinsRule r) throws Exception {
        FreeStyleProject project = r.createFreeStyleProject("freestyle");
        EksIrsaClusterBuilder cluster = new EksIrsaClusterBuilder("freestyle");
        cluster.setCreate(true);
        cluster.setRegion(sandbox.region());
        cluster.setCredentialsId("aws-prod");
        cluster.setEndpointUrl(sandbox.awsEndpoint().toString());
        cluster.setTags(List.of(new KeyValue("team", "platform")));
        project.getBuildersList().add(cluster);

        EksIrsaClusterBuilder roundTripped = r.configRoundtrip(cluster);
        assertEquals(cluster.toArguments(), roundTripped.toArguments());

        FreeStyleBuild build = r.buildAndAssertSuccess(project);
        EksIrsaResultAction action = build.getAction(EksIrsaResultAction.class);
        assertNotNull(action);
        assertEquals("freestyle", action.getVariables().get("EKS_IRSA_CLUSTER_NAME"));
        assertTrue(action.getVariables().get("EKS_IRSA_OIDC_PROVIDER_ARN").contains(":oidc-provider/"));
        assertFalse(JenkinsRule.getLog(build).contains(sandbox.primary().secretAccessKey()));
    }

    @Test
    void roleBuilder_roundTripsNestedTargetRoles(JenkinsRule r) throws Exception {
        IrsaRoleBuilder role = new IrsaRoleBuilder();
        role.setCluster("prod");
        role.setNamespace("apps");
        role.setServiceAccount("web");
        role.setPolicyArns(List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        TargetConnection connection = new TargetConnection();
        connection.setCredentialsId("aws-shared");
        TargetRole target = new TargetRole("Role-2", connection);
        target.setExternalId("harness");
        role.setTargetRoles(List.of(target));
        role.setStsRegionalEndpoints(true);

        IrsaRoleBuilder roundTripped = r.configRoundtrip(role);
        assertEquals(role.toArguments(), roundTripped.toArguments());
    }

    @Test
    void harnessDelegate_withTheApiKeyAsSecretText_connectsAndTestsItsConnectors(JenkinsRule r) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL,
                "harness-api-key",
                "sandbox Harness API key",
                Secret.fromString(sandbox.harness().account().apiKey())));
        SystemCredentialsProvider.getInstance().save();
        DumbSlave agent = r.createOnlineSlave();
        WorkflowJob job = r.createProject(WorkflowJob.class, "delegate");
        job.setDefinition(new CpsFlowDefinition(
                "node('" + agent.getNodeName() + "') {\n"
                        + "  eksIrsaCluster(name: 'jenkins-harness', create: true, timeout: '2m', " + common() + ")\n"
                        + "  irsaRole(cluster: 'jenkins-harness', namespace: 'harness-delegate-ng', serviceAccount: 'delegate', "
                        + common() + ")\n"
                        + "  def d = harnessDelegate(cluster: 'jenkins-harness', name: 'jenkins-delegate', serviceAccount: 'delegate',"
                        + " accountId: '" + sandbox.harness().account().accountId() + "', managerUrl: '" + sandbox.harness().uri()
                        + "', apiKeyCredentialsId: 'harness-api-key', k8sConnector: 'jenkins_eks', testConnectors: true, "
                        + common() + ")\n"
                        + "  assert d.connected\n"
                        + "  assert d.connectors[0].status == 'SUCCESS'\n"
                        + "}\n",
                true));
        WorkflowRun run = r.buildAndAssertSuccess(job);
        r.assertLogContains("[harnessDelegate]", run);
        r.assertLogNotContains(sandbox.harness().account().apiKey(), run);
    }

    @Test
    void verifyIrsa_passesForAWorkingChain_andShowsItsChecksOnTheBuildPage(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        WorkflowJob job = r.createProject(WorkflowJob.class, "verify");
        job.setDefinition(new CpsFlowDefinition(
                "node('" + agent.getNodeName() + "') {\n"
                        + "  eksIrsaCluster(name: 'jenkins-verify', create: true, timeout: '2m', " + common() + ")\n"
                        + "  irsaRole(cluster: 'jenkins-verify', namespace: 'apps', serviceAccount: 'web', " + common() + ")\n"
                        + "  def v = verifyIrsa(cluster: 'jenkins-verify', namespace: 'apps', serviceAccount: 'web',"
                        + " htmlFile: 'verify.html', junitFile: 'verify.xml', " + common() + ")\n"
                        + "  assert v.passed\n"
                        + "}\n",
                true));
        WorkflowRun run = r.buildAndAssertSuccess(job);
        assertNotNull(run.getAction(EksIrsaResultAction.class));
        assertTrue(run.getAction(EksIrsaResultAction.class).getChecks().stream().anyMatch(c -> c.startsWith("PASS live.webIdentity")));
        r.assertLogNotContains(sandbox.primary().secretAccessKey(), run);
    }
}
