package dev.eksirsa.sandbox.eks;

import dev.eksirsa.sandbox.http.AwsError;

/** EKS's modelled errors with the HTTP statuses its model gives them. */
final class EksErrors {
    private EksErrors() {}

    static AwsError invalidParameter(String message) {
        return new AwsError(400, "InvalidParameterException", message);
    }

    static AwsError invalidRequest(String message) {
        return new AwsError(400, "InvalidRequestException", message);
    }

    static AwsError notFound(String message) {
        return new AwsError(404, "ResourceNotFoundException", message);
    }

    static AwsError inUse(String message) {
        return new AwsError(409, "ResourceInUseException", message);
    }

    static AwsError badRequest(String message) {
        return new AwsError(400, "BadRequestException", message);
    }

    static AwsError tagTargetNotFound(String message) {
        return new AwsError(404, "NotFoundException", message);
    }

    static AwsError clusterNotFound(String name) {
        return notFound("No cluster found for name: " + name + ".");
    }

    static AwsError nodegroupNotFound(String name) {
        return notFound("No node group found for name: " + name + ".");
    }

    static AwsError accessEntryNotFound() {
        return notFound("The specified principalArn could not be found. You can view your available access entries with"
                + " 'list-access-entries'.");
    }

    /** The wording of AWS's request validation for a missing required member. */
    static AwsError missing(String member) {
        return invalidParameter("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }

    /** The code a rest-json client should see for errors raised outside EKS (authentication, authorization). */
    static String restJsonCode(String code) {
        return switch (code) {
            case "AccessDenied" -> "AccessDeniedException";
            case "InvalidClientTokenId" -> "UnrecognizedClientException";
            case "SignatureDoesNotMatch" -> "InvalidSignatureException";
            case "MissingAuthenticationToken" -> "MissingAuthenticationTokenException";
            case "ExpiredToken" -> "ExpiredTokenException";
            case "InternalFailure" -> "ServerException";
            default -> code;
        };
    }
}
