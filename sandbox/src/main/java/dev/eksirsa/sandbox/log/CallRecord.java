package dev.eksirsa.sandbox.log;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of {@code /_sandbox/calls}. {@code mutating} is decided by the request, not by its effect.
 *
 * @param cluster the EKS cluster a Kubernetes request went to; null for AWS calls
 * @param answeredAtMillis when the answer was ready (epoch milliseconds), for benchmarks timing waits
 * @param origin which of the sandbox's own clients made the call (the emulated Harness delegate); null for others
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallRecord(
        long seq,
        String service,
        String action,
        String account,
        String principal,
        String target,
        int status,
        boolean mutating,
        String cluster,
        long answeredAtMillis,
        String origin) {}
