package dev.eksirsa.engine.aws;

import dev.eksirsa.engine.api.ConnectionRef;

/**
 * Turns a {@link ConnectionRef} into credentials when a step runs. Supplied by the caller: the CLI resolves from
 * its process environment, the Jenkins plugin from the build's environment and credentials store.
 */
@FunctionalInterface
public interface ConnectionResolver {

    /**
     * @param base the step's own resolved connection when {@code ref} is a cross-account role's (a {@code roleArn}
     *     there is assumed with the base credentials); null when resolving the step's own
     */
    AwsConnection resolve(ConnectionRef ref, AwsConnection base);
}
