package dev.eksirsa.sandbox.policy;

public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String jsonName;

    Effect(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The spelling IAM requires in a document: "Allow" or "Deny". */
    public String jsonName() {
        return jsonName;
    }
}
