package dev.eksirsa.engine.api;

/** What a {@link Change} does to a resource. */
public enum ChangeAction {
    CREATE,
    UPDATE,
    DELETE
}
