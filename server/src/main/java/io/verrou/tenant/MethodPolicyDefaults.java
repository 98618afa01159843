package io.verrou.tenant;

import java.util.List;

/**
 * The method kinds there are, with what a new organisation's policy allows each for. Organisations keep the rows
 * they were made with; a kind added since shows with its default until an administrator saves the policy.
 */
public interface MethodPolicyDefaults {

    /** One row per kind, in the order the policy page lists them. */
    List<MethodPolicy> defaults();
}
