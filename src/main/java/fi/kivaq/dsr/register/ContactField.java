package fi.kivaq.dsr.register;

/** The contact's fields that a correction (a rectification) may change, each with the column it lives in. */
public enum ContactField {
    NAME("name"),
    EMAIL("email"),
    ROLE("role"),
    LANGUAGE("language");

    private final String column;

    ContactField(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }
}
