package fi.kivaq.dsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.ClassUtils;

import fi.kivaq.dsr.shared.PersonalDataOwner;
import fi.kivaq.dsr.support.IntegrationTest;

/**
 * Every column of our schema, as the database has it after all migrations, belongs to exactly one module's
 * {@link PersonalDataOwner} declaration, classified personal or not. A new table or column that nobody declares fails
 * here, so that the erasure, the access copy and retention cannot forget it. Camunda's {@code ACT_*} tables and
 * Flyway's history are not ours (the engine holds ids and flags only; the erasure tests scan it).
 */
class PersonalDataDeclarationTest extends IntegrationTest {

    @Autowired
    List<PersonalDataOwner> owners;

    @Test
    void everyColumnOfOurSchemaIsDeclaredByExactlyOneOwner() {
        Set<String> schema = schemaColumns();
        assertThat(schema).as("the schema as read from information_schema").contains("contact.email", "dsr_request.id");
        Map<String, List<String>> declaredBy = declarations();

        assertThat(schema.stream().filter(column -> !declaredBy.containsKey(column)).toList())
                .as("columns that no module's PersonalDataOwner declares").isEmpty();
        assertThat(declaredBy.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " by " + e.getValue()).sorted().toList())
                .as("columns declared by more than one owner (or twice by one)").isEmpty();
        assertThat(declaredBy.keySet().stream().filter(column -> !schema.contains(column)).sorted().toList())
                .as("declared columns that the schema does not have").isEmpty();
    }

    @Test
    void everyOwnerClassifiesEachColumnOnceAndStatesItsRetention() {
        for (PersonalDataOwner owner : owners) {
            for (PersonalDataOwner.Table table : owner.tables()) {
                assertThat(table.personal()).as("%s: %s is both personal and not", owner.getClass().getSimpleName(),
                        table.name()).doesNotContainAnyElementsOf(table.notPersonal());
            }
            assertThat(owner.retention()).as("%s states how long its data is kept", owner.getClass().getSimpleName())
                    .isNotEmpty().allMatch(rule -> !rule.category().isBlank() && !rule.keptUntil().isBlank());
        }
    }

    /**
     * No module's SQL names a table that another module owns (a table owned by column, like {@code dsr_request}, is
     * open to each of its owners): modules reach each other's data through APIs only, so that one can be removed or
     * changed without another's SQL breaking. There are no exceptions.
     */
    @Test
    void noModulesSqlNamesATableOfAnotherModule() throws IOException {
        Map<String, Set<String>> ownersOfTable = new HashMap<>();
        for (PersonalDataOwner owner : owners) {
            String module = moduleOf(ClassUtils.getUserClass(owner).getPackageName());
            owner.tables().forEach(table -> ownersOfTable.computeIfAbsent(table.name(), t -> new TreeSet<>()).add(module));
        }
        Path sources = Path.of("src/main/java/fi/kivaq/dsr");
        Map<String, Set<String>> foreignTables = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String module = sources.relativize(file).getName(0).toString();
                Matcher sql = TABLE_IN_SQL.matcher(Files.readString(file));
                while (sql.find()) {
                    Set<String> tableOwners = ownersOfTable.get(sql.group(2).toLowerCase(Locale.ROOT));
                    if (tableOwners != null && !tableOwners.contains(module)) {
                        foreignTables.computeIfAbsent(sources.relativize(file).toString().replace('\\', '/'),
                                f -> new TreeSet<>()).add(sql.group(2).toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        assertThat(foreignTables.keySet()).as("files whose SQL names another module's tables: %s", foreignTables)
                .isEmpty();
    }

    private static final Pattern TABLE_IN_SQL = Pattern.compile("(?i)\\b(from|join|into|update)\\s+([a-z_]+)");

    private static String moduleOf(String packageName) {
        String inside = packageName.substring("fi.kivaq.dsr.".length());
        int dot = inside.indexOf('.');
        return dot < 0 ? inside : inside.substring(0, dot);
    }

    private Set<String> schemaColumns() {
        List<String> columns = jdbc.sql("""
                        select c.table_name, c.column_name from information_schema.columns c
                        join information_schema.tables t
                          on t.table_schema = c.table_schema and t.table_name = c.table_name
                        where lower(c.table_schema) = lower(current_schema) and t.table_type = 'BASE TABLE'""")
                .query((rs, i) -> (rs.getString(1) + "." + rs.getString(2)).toLowerCase(Locale.ROOT))
                .list();
        Set<String> ours = new TreeSet<>();
        for (String column : columns) {
            if (!column.startsWith("act_") && !column.startsWith("flyway_schema_history.")) {
                ours.add(column);
            }
        }
        return ours;
    }

    private Map<String, List<String>> declarations() {
        Map<String, List<String>> declaredBy = new HashMap<>();
        for (PersonalDataOwner owner : owners) {
            for (PersonalDataOwner.Table table : owner.tables()) {
                List<String> columns = new ArrayList<>(table.personal());
                columns.addAll(table.notPersonal());
                for (String column : columns) {
                    declaredBy.computeIfAbsent((table.name() + "." + column).toLowerCase(Locale.ROOT),
                            key -> new ArrayList<>()).add(owner.getClass().getSimpleName());
                }
            }
        }
        return declaredBy;
    }
}
