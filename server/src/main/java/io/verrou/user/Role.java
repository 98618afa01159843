package io.verrou.user;

/** What a person may do in Verrou. */
public enum Role {
    USER,
    ADMIN
}
