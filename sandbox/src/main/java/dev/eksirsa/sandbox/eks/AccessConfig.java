package dev.eksirsa.sandbox.eks;

/**
 * @param authenticationMode {@code CONFIG_MAP} (the API's default), {@code API_AND_CONFIG_MAP} or {@code API}
 * @param bootstrapClusterCreatorAdminPermissions whether the creator is a cluster admin (default true)
 */
public record AccessConfig(String authenticationMode, boolean bootstrapClusterCreatorAdminPermissions) {

    /** Whether access entries can be used: EKS refuses them under {@code CONFIG_MAP}. */
    public boolean accessEntriesEnabled() {
        return !authenticationMode.equals("CONFIG_MAP");
    }
}
