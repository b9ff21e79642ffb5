package dev.eksirsa.cli;

import dev.eksirsa.engine.api.InvalidInputException;

/** The exit codes of ../shared/CLI.md. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int INVALID_INPUT = 2;
    static final int DRIFT = 3;

    private ExitCodes() {}

    static int of(Throwable error) {
        return error instanceof IllegalArgumentException || error instanceof InvalidInputException
                ? INVALID_INPUT
                : FAILURE;
    }
}
