package dev.eksirsa.engine.cluster;

/** {@code present} ensures a resource; {@code absent} deletes what eks-irsa created. */
public enum DesiredState {
    PRESENT,
    ABSENT;

    public static DesiredState parse(String value) {
        if (value == null) {
            return PRESENT;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "present" -> PRESENT;
            case "absent" -> ABSENT;
            default -> throw new dev.eksirsa.engine.api.InvalidInputException("state", "must be present or absent");
        };
    }
}
