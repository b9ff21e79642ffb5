package dev.eksirsa.sandbox.auth;

/**
 * The credential scope of a SigV4 signature: {@code accessKeyId/date/region/service/aws4_request}.
 *
 * @param date the scope date, {@code yyyyMMdd}
 */
public record SigningScope(String accessKeyId, String date, String region, String service) {}
