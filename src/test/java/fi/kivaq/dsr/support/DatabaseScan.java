package fi.kivaq.dsr.support;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import javax.sql.DataSource;

/**
 * Reads every row of every table whose name passes a filter and reports where a text occurs (case-insensitively),
 * in character columns and in binary ones read as UTF-8: how we prove that something is *not* stored.
 */
public final class DatabaseScan {

    private DatabaseScan() {
    }

    public static List<String> occurrences(DataSource dataSource, String needle, Predicate<String> tableFilter) {
        String wanted = needle.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    String table = rs.getString("TABLE_NAME");
                    if (schema != null && (schema.equalsIgnoreCase("information_schema") || schema.equalsIgnoreCase("pg_catalog"))) {
                        continue;
                    }
                    if (tableFilter.test(table.toLowerCase(Locale.ROOT))) {
                        tables.add(schema == null ? table : schema + "." + table);
                    }
                }
            }
            if (tables.isEmpty()) {
                throw new AssertionError("no table matched the filter: the scan would prove nothing");
            }
            for (String table : tables) {
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("select * from " + table)) {
                    ResultSetMetaData columns = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                    : value == null ? null : value.toString();
                            if (text != null && text.toLowerCase(Locale.ROOT).contains(wanted)) {
                                found.add(table + "." + columns.getColumnName(i));
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
