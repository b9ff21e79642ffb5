package dev.eksirsa.engine.aws.eks;

import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsConnection;
import dev.eksirsa.engine.aws.CredentialsSource;
import dev.eksirsa.sandbox.Sandbox;
import dev.eksirsa.sandbox.SandboxAccount;
import dev.eksirsa.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Engine connections to a sandbox, and a progress listener that keeps every line for assertions; shared by the
 * cluster step's tests here and in {@code engine.kube}.
 */
public final class SandboxAws {
    private SandboxAws() {}

    public static Sandbox fastSandbox() {
        return Sandbox.start(SandboxOptions.defaults()
                .withClusterActivationDelay(Duration.ofMillis(300))
                .withNodegroupActivationDelay(Duration.ofMillis(300)));
    }

    public static AwsConnection connection(Sandbox sandbox, SandboxAccount account) {
        return AwsConnection.of(
                        CredentialsSource.staticKeys(account.accessKeyId(), account.secretAccessKey(), null),
                        sandbox.region())
                .withEndpoint(sandbox.awsEndpoint());
    }

    public static AwsClients clients(Sandbox sandbox) {
        return connection(sandbox, sandbox.primary()).open();
    }

    public static IssuerThumbprint thumbprints(Sandbox sandbox) {
        return IssuerThumbprint.withExtraTrust(sandbox.certificateAuthority().rootPem());
    }

    /** Every progress line, prefixed with its level. */
    public static final class Lines implements ProgressListener {
        public final List<String> all = new ArrayList<>();

        @Override
        public synchronized void info(String line) {
            all.add("INFO " + line);
        }

        @Override
        public synchronized void warn(String line) {
            all.add("WARN " + line);
        }
    }
}
