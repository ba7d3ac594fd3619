package fi.kivaq.dsr.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fi.kivaq.dsr.support.IntegrationTest;

/**
 * The staff's list of requests, newest first ({@code order by received_at desc, id desc}), reads an index in that
 * order instead of sorting the whole request table for every page (H2 and PostgreSQL).
 */
class RequestListIndexTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void theNewestFirstOrderHasAnIndexOfItsOwn() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            for (String table : List.of("dsr_request", "DSR_REQUEST")) {
                try (ResultSet index = metaData.getIndexInfo(null, null, table, false, false)) {
                    while (index.next()) {
                        if ("ix_request_received".equalsIgnoreCase(index.getString("INDEX_NAME"))) {
                            columns.add(index.getShort("ORDINAL_POSITION") + " "
                                    + index.getString("COLUMN_NAME").toLowerCase() + " " + index.getString("ASC_OR_DESC"));
                        }
                    }
                }
            }
        }
        assertThat(columns).containsExactly("1 received_at D", "2 id D");
    }
}
