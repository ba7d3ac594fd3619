package fi.kivaq.dsr.objection;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fi.kivaq.dsr.register.ObjectedUse;

/** Staff's decisions on objections on legitimate interests: free text that stays out of the engine. */
@Repository
class ObjectionDecisions {

    static final int MAX_REASONS = 2000;

    /**
     * @param compellingGrounds true: the processing continues (objection not upheld)
     * @param stoppedUses       what an upheld objection stops; empty when it was not upheld
     */
    record Decision(boolean compellingGrounds, Set<ObjectedUse> stoppedUses, String reasons, String decidedBy,
                    OffsetDateTime decidedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ObjectionDecisions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Decision> of(long requestId) {
        return jdbc.sql("""
                        select compelling_grounds, stopped_uses, reasons, decided_by, decided_at
                        from objection_decision where request_id = :id""")
                .param("id", requestId)
                .query((rs, i) -> new Decision(rs.getBoolean("compelling_grounds"), uses(rs.getString("stopped_uses")),
                        rs.getString("reasons"), rs.getString("decided_by"),
                        rs.getObject("decided_at", OffsetDateTime.class)))
                .optional();
    }

    void record(long requestId, boolean compellingGrounds, Set<ObjectedUse> stoppedUses, String reasons,
                String staffUser) {
        jdbc.sql("delete from objection_decision where request_id = :id").param("id", requestId).update();
        jdbc.sql("""
                        insert into objection_decision (request_id, compelling_grounds, stopped_uses, reasons, decided_by,
                            decided_at)
                        values (:id, :grounds, :uses, :reasons, :by, :now)""")
                .param("id", requestId).param("grounds", compellingGrounds)
                .param("uses", stoppedUses.stream().sorted().map(Enum::name).collect(Collectors.joining(",")))
                .param("reasons", reasons)
                .param("by", staffUser).param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    private static Set<ObjectedUse> uses(String codes) {
        Set<ObjectedUse> uses = EnumSet.noneOf(ObjectedUse.class);
        if (codes != null && !codes.isBlank()) {
            Arrays.stream(codes.split(",")).map(String::strip).map(ObjectedUse::valueOf).forEach(uses::add);
        }
        return uses;
    }
}
