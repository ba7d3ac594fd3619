package fi.kivaq.dsr.security;

/** The engine's groups that our roles map to; the same groups give rights in Camunda Tasklist and Cockpit. */
public final class StaffGroups {

    public static final String STAFF = "dsr-staff";
    public static final String MANAGERS = "dsr-managers";
    public static final String CAMUNDA_ADMIN = "camunda-admin";

    private StaffGroups() {
    }
}
