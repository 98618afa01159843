package io.verrou.user;

/** Whether an account may sign in. */
public enum UserState {
    ENABLED,
    DISABLED
}
