package dev.eksirsa.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

public record AwsResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    /** The status of {@link #noAnswer()}: the connection is closed without a response. */
    public static final int NO_ANSWER = 0;

    public AwsResponse {
        headers = Map.copyOf(headers);
    }

    public static AwsResponse noAnswer() {
        return new AwsResponse(NO_ANSWER, "text/plain", new byte[0], Map.of());
    }

    public static AwsResponse xml(int status, String xml) {
        return new AwsResponse(status, "text/xml", xml.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static AwsResponse json(int status, String json) {
        return new AwsResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public AwsResponse withHeader(String name, String value) {
        java.util.Map<String, String> copy = new java.util.HashMap<>(headers);
        copy.put(name, value);
        return new AwsResponse(status, contentType, body, copy);
    }
}
