package org.c4j;

import org.c4j.internal.db.Validation;

/**
 * The name of a collection: scope and collection name ({@code _default._default} is the default collection).
 * Names are {@code _default} or 1..251 characters of {@code [A-Za-z0-9_-%]} not starting with {@code _} or
 * {@code %}; others get {@code (LITECORE, INVALID_PARAMETER)}.
 *
 * <p>Immutable; thread-safe.
 */
public record CollectionSpec(String scope, String name) {
    public static final String DEFAULT_NAME = Validation.DEFAULT_NAME;
    public static final CollectionSpec DEFAULT = new CollectionSpec(DEFAULT_NAME, DEFAULT_NAME);

    public CollectionSpec {
        Validation.checkName(scope, "scope");
        Validation.checkName(name, "collection");
    }

    /** A collection in the default scope. */
    public static CollectionSpec of(String name) {
        return new CollectionSpec(DEFAULT_NAME, name);
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }

    /** {@code scope.name}. */
    @Override
    public String toString() {
        return scope + "." + name;
    }
}
