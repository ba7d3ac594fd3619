package fi.kivaq.dsr.event;

import java.util.List;

import org.springframework.stereotype.Component;

import fi.kivaq.dsr.staff.ContactPageSection;

/** The contact page's section of the events the contact attended, each linked to its event page. */
@Component
class EventsAttendedSection implements ContactPageSection {

    private final Events events;

    EventsAttendedSection(Events events) {
        this.events = events;
    }

    @Override
    public String id() {
        return "events";
    }

    @Override
    public String heading() {
        return "event.contact.heading";
    }

    @Override
    public List<Entry> entries(long contactId) {
        return events.attendedBy(contactId).stream()
                .map(e -> new Entry(e.name(), EventStaffController.path(e.eventId()), e.heldOn(),
                        "code.attendeeConsent." + e.consent().name()))
                .toList();
    }
}
