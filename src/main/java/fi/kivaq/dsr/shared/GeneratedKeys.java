package fi.kivaq.dsr.shared;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** Runs an insert into a table whose key column is {@code id} and returns the new id, on H2 and PostgreSQL alike. */
public final class GeneratedKeys {

    private GeneratedKeys() {
    }

    public static long insertReturningId(JdbcClient.StatementSpec insert) {
        KeyHolder keys = new GeneratedKeyHolder();
        insert.update(keys, "id");
        // PostgreSQL reports the column as "id", H2 as "ID"
        for (Map.Entry<String, Object> key : keys.getKeys().entrySet()) {
            if ("id".equalsIgnoreCase(key.getKey())) {
                return ((Number) key.getValue()).longValue();
            }
        }
        throw new IllegalStateException("insert returned no id: " + keys.getKeys().keySet());
    }
}
