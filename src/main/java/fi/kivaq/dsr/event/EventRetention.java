package fi.kivaq.dsr.event;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an attendance is kept ({@code dsr.retention.event-attendances}, beside the other retention periods): after
 * it, the retention run deletes the attendance row. The contact stays for its own review; the attendance counted as
 * its activity when it was recorded.
 */
@ConfigurationProperties("dsr.retention")
record EventRetention(@DefaultValue("P3Y") Period eventAttendances) {

    EventRetention {
        if (eventAttendances.isNegative() || eventAttendances.isZero()) {
            throw new IllegalArgumentException("dsr.retention.event-attendances must be positive");
        }
    }
}
