package dev.eksirsa.sandbox.http;

/** The AWS query protocol's XML envelopes as IAM and STS answer them. */
public final class QueryProtocol {
    private final String namespace;

    public QueryProtocol(String namespace) {
        this.namespace = namespace;
    }

    public AwsResponse success(String action, Xml result, String requestId) {
        Xml root = Xml.root(action + "Response", namespace);
        if (result != null) {
            root.add(result);
        }
        root.add(Xml.el("ResponseMetadata").add("RequestId", requestId));
        return AwsResponse.xml(200, root.render());
    }

    /** A {@code <ActionResult>} element to fill. */
    public static Xml result(String action) {
        return Xml.el(action + "Result");
    }

    public AwsResponse error(AwsError error, String requestId) {
        Xml root = Xml.root("ErrorResponse", namespace)
                .add(Xml.el("Error")
                        .add("Type", error.sender() ? "Sender" : "Receiver")
                        .add("Code", error.code())
                        .add("Message", error.getMessage()))
                .add("RequestId", requestId);
        return AwsResponse.xml(error.status(), root.render());
    }
}
