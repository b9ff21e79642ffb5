package dev.eksirsa.engine.aws.iam.policy;

/** A statement's effect, spelled as IAM spells it. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String json;

    Effect(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Effect of(String value) {
        for (Effect e : values()) {
            if (e.json.equals(value)) {
                return e;
            }
        }
        throw new MalformedPolicyException("Effect must be Allow or Deny");
    }
}
