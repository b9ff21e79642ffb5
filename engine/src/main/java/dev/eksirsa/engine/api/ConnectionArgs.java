package dev.eksirsa.engine.api;

import java.util.List;

/** The connection arguments every AWS step declares, and the {@code connection} map of a cross-account role. */
public final class ConnectionArgs {
    private ConnectionArgs() {}

    /** A step's own connection, plus its overall {@code timeout}; the same flags on every command. */
    public static final List<Arg> STEP = List.of(
            Arg.string(
                            "region",
                            "AWS region; default: AWS_REGION or AWS_DEFAULT_REGION of the environment, else the profile's.")
                    .flag("--region", "REGION"),
            Arg.string("profile", "Named profile of the shared AWS config and credentials files.")
                    .flag("--profile", "NAME"),
            Arg.string("credentialsId", "Jenkins credentials id of AWS credentials (Jenkins only).")
                    .defaultText("the agent's default chain"),
            Arg.string("endpointUrl", "Endpoint URL for every AWS service (sandboxes, VPC endpoints).")
                    .flag("--endpoint-url", "URL"),
            Arg.string("roleArn", "A role to assume first, with the credentials above.")
                    .flag("--role-arn", "ARN"),
            Arg.string("externalId", "sts:ExternalId for roleArn.").flag("--external-id", "ID"),
            Arg.string("sessionName", "Session name for roleArn, seen in CloudTrail.")
                    .defaultText("eks-irsa-$BUILD_TAG, else eks-irsa")
                    .flag("--session-name", "NAME"),
            Arg.of("duration", ArgType.DURATION, "Session duration for roleArn, 15m to 12h.")
                    .defaultText("1h")
                    .flag("--duration", "DURATION"),
            Arg.of(
                            "timeout",
                            ArgType.DURATION,
                            "Overall time limit of the step; every wait takes at most what is left.")
                    .flag("--timeout", "DURATION"));

    static final ArgumentSet CREDENTIALS_ENV = ArgumentSet.of(List.of(
            Arg.string("accessKeyId", "Variable holding the access key id.").asRequired(),
            Arg.string("secretAccessKey", "Variable holding the secret access key.")
                    .asRequired(),
            Arg.string("sessionToken", "Variable holding the session token, for temporary keys.")));

    /** The {@code connection} of a role in another account: exactly one way to get its credentials. */
    public static final ArgumentSet TARGET = ArgumentSet.of(List.of(
                    Arg.string("profile", "Named profile of the shared AWS config and credentials files."),
                    Arg.string("roleArn", "A role in that account that the step's own connection assumes."),
                    Arg.string("externalId", "sts:ExternalId for roleArn."),
                    Arg.string("sessionName", "Session name for roleArn."),
                    Arg.object(
                            "credentialsEnv",
                            "Names of environment variables holding that account's keys (accessKeyId, secretAccessKey, sessionToken).",
                            CREDENTIALS_ENV),
                    Arg.string("credentialsId", "Jenkins credentials id for that account (Jenkins only).")))
            .oneOf("profile", "roleArn", "credentialsEnv", "credentialsId");
}
