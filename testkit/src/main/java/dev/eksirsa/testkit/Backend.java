package dev.eksirsa.testkit;

/** What a test drives: the names are the first column of the backend log that {@code .ci/run} counts. */
public enum Backend {
    /** The sandbox through the AWS SDK for Java (or fabric8) in the test's JVM. */
    SANDBOX_SDK("sandbox-sdk"),
    /** The real AWS CLI v2 ({@code /usr/bin/aws}). */
    AWS_CLI("aws-cli"),
    /** moto's server as the AWS backend instead of the sandbox. */
    MOTO("moto"),
    /** The real kubectl. */
    KUBECTL("kubectl");

    private final String logName;

    Backend(String logName) {
        this.logName = logName;
    }

    /** The name written to the backend log. */
    public String logName() {
        return logName;
    }

    /** Fails or skips the test (see {@link RealClients}) when this backend's real client is not installed. */
    void requireClient() {
        switch (this) {
            case AWS_CLI -> RealClients.awsCliV2();
            case MOTO -> RealClients.motoPython();
            case KUBECTL -> RealClients.kubectl();
            case SANDBOX_SDK -> {
                // in-process, nothing to install
            }
        }
    }
}
