package fi.kivaq.dsr.security;

/** The engine's groups that our roles map to; the same groups give rights in Camunda Tasklist and Cockpit. */
public final class StaffGroups {

    public static final String STAFF = "dsr-staff";
    public static final String MANAGERS = "dsr-managers";
    public static final String CAMUNDA_ADMIN = "camunda-admin";
    /** Staff who write and send the newsletter (and only that: no requests, no register). */
    public static final String NEWSLETTER = "dsr-newsletter";

    private StaffGroups() {
    }
}
