package fi.kivaq.dsr.subcontractor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How long subcontractors get to confirm a correction or erasure before a reminder, and before staff chase them. */
@ConfigurationProperties("dsr.subcontractors")
public record SubcontractorProperties(
        @DefaultValue("5") int reminderAfterWorkingDays,
        @DefaultValue("10") int escalationAfterWorkingDays,
        /* the requester's letter waits at most this long for confirmations, and never past the due date */
        @DefaultValue("7") int answerWaitsWorkingDays) {
}
