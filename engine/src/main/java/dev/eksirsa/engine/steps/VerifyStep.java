package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.ArgumentSet;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.Partitions;
import dev.eksirsa.engine.aws.VerifyAws;
import dev.eksirsa.engine.aws.eks.IssuerThumbprint;
import dev.eksirsa.engine.kube.ClusterObjects;
import dev.eksirsa.engine.kube.KubeClientOptions;
import dev.eksirsa.engine.verify.IrsaVerifier;
import dev.eksirsa.engine.verify.VerifyArgs;
import dev.eksirsa.engine.verify.VerifyReports;
import dev.eksirsa.engine.verify.VerifyResult;
import dev.eksirsa.engine.verify.VerifySpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code verifyIrsa}: prove the chain works, or say exactly what is broken and how to fix it. Read-only. */
public final class VerifyStep implements Step<VerifySpec, VerifyResult> {

    @Override
    public String command() {
        return "verify";
    }

    @Override
    public String pipelineName() {
        return "verifyIrsa";
    }

    @Override
    public Map<String, Object> minimalArguments() {
        return Map.of("cluster", "example", "namespace", "default", "serviceAccount", "app");
    }

    @Override
    public List<String> resultKeys() {
        return List.of("passed", "summary", "checks", "identities", "durationMs", "changes", "warnings", "dryRun");
    }

    @Override
    public ArgumentSet arguments() {
        return VerifyArgs.ARGUMENTS;
    }

    @Override
    public VerifySpec parse(Map<String, ?> arguments) {
        return VerifySpec.fromArguments(arguments);
    }

    @Override
    public VerifyResult run(VerifySpec spec, StepContext context) {
        if (spec.junitFile() != null) {
            VerifyReports.checkWritable("junitFile", spec.junitFile());
        }
        if (spec.htmlFile() != null) {
            VerifyReports.checkWritable("htmlFile", spec.htmlFile());
        }
        VerifyResult result;
        try (AwsClients clients =
                context.connections().resolve(spec.connection(), null).open()) {
            for (int i = 0; i < spec.hops().size(); i++) {
                String field = "assumeRoleArns[" + i + "]";
                if (!Partitions.ofArn(field, spec.hops().get(i)).equals(clients.partition())) {
                    throw new InvalidInputException(
                            field, "must be in partition " + clients.partition() + " of the region");
                }
            }
            KubeClientOptions options = context.kubeOptions();
            Duration consistency =
                    spec.timeout().compareTo(Duration.ofSeconds(30)) < 0 ? spec.timeout() : Duration.ofSeconds(30);
            result = new IrsaVerifier(
                            new VerifyAws(clients),
                            () -> ClusterObjects.forCluster(clients, spec.cluster(), options),
                            context.progress(),
                            consistency,
                            issuer -> IssuerThumbprint.fromEnvironment(context.environment())
                                    .withProxy(context.proxy())
                                    .fetch(URI.create(issuer), ProgressListener.NONE))
                    .verify(spec);
        }
        if (spec.junitFile() != null) {
            VerifyReports.write("junitFile", spec.junitFile(), VerifyReports.junit(result));
            context.progress().info("JUnit report: " + spec.junitFile());
        }
        if (spec.htmlFile() != null) {
            VerifyReports.write("htmlFile", spec.htmlFile(), VerifyReports.html(result));
            context.progress().info("HTML report: " + spec.htmlFile());
        }
        return result;
    }
}
