package dev.eksirsa.engine.role;

/** Whether the role should exist ({@code present}) or what eks-irsa created should go ({@code absent}). */
public enum RoleState {
    PRESENT,
    ABSENT;

    public static RoleState parse(String value) {
        if ("present".equals(value)) {
            return PRESENT;
        }
        if ("absent".equals(value)) {
            return ABSENT;
        }
        throw new dev.eksirsa.engine.api.InvalidInputException("state", "must be present or absent");
    }
}
