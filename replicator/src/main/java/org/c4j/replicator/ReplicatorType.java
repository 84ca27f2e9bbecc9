package org.c4j.replicator;

/** Which way an active replicator moves documents. */
public enum ReplicatorType {
    /** Local changes go to the remote database. */
    PUSH,
    /** Remote changes come to the local database. */
    PULL,
    /** Both. */
    PUSH_AND_PULL;

    public boolean pushes() {
        return this != PULL;
    }

    public boolean pulls() {
        return this != PUSH;
    }
}
