package fi.kivaq.dsr.subcontractor;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.mail.MailOutbox;
import fi.kivaq.dsr.mail.OutgoingMail;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.RequestType;
import fi.kivaq.dsr.verification.SingleUseLinks;

/**
 * The mail to one recipient, in its own language: what to correct, delete or restrict (or that a restriction is
 * lifted; that an erasure was decided at a retention review, not asked for), about whom, and a single-use link to
 * confirm it has followed the instruction. A reminder is the same mail with a fresh link; the first one stops
 * working.
 */
@Service
class SubcontractorInstructions {

    private final NotificationRepository notifications;
    private final RequestRepository requests;
    private final SingleUseLinks links;
    private final MailOutbox outbox;
    private final List<CorrectionSource> corrections;
    private final NoticeSupersession supersession;

    SubcontractorInstructions(NotificationRepository notifications, RequestRepository requests, SingleUseLinks links,
                              MailOutbox outbox, List<CorrectionSource> corrections, NoticeSupersession supersession) {
        this.notifications = notifications;
        this.requests = requests;
        this.links = links;
        this.outbox = outbox;
        this.corrections = corrections;
        this.supersession = supersession;
    }

    /**
     * Mails the instruction, unless it was superseded before it went (a restriction lifted before its notice left):
     * false then, and nothing is sent. A lift notice closes the same recipient's unconfirmed restriction notice in
     * the same transaction: from then on the recipient gets only the lift notice and its reminder.
     */
    @Transactional
    public boolean send(long notificationId) {
        NotificationRepository.Notification notification = notifications.get(notificationId);
        if (!notifications.markSentUnlessSuperseded(notificationId)) {
            return false;
        }
        if (notification.occasion() == SubcontractorNotifications.Occasion.RESTRICTION_LIFTED) {
            supersession.supersedeRestrictionNotice(notificationId);
        }
        mail(notification, false);
        return true;
    }

    /** The same instruction again, unless the recipient has confirmed meanwhile or the notice was superseded. */
    @Transactional
    public void remind(long notificationId) {
        NotificationRepository.Notification notification = notifications.get(notificationId);
        if (!notifications.markRemindedIfOpen(notificationId)) {
            return;
        }
        mail(notification, true);
    }

    private void mail(NotificationRepository.Notification notification, boolean reminder) {
        DsrRequest request = requests.get(notification.requestId());
        SingleUseLinks.IssuedLink link = links.issue(Acknowledgements.PURPOSE, request.id(), notification.id(), null);
        String template = notification.occasion() == SubcontractorNotifications.Occasion.RESTRICTION_LIFTED
                ? "subcontractor-restriction-lifted"
                : switch (request.type()) {
                    case DELETION -> "subcontractor-erasure";
                    case RESTRICTION -> "subcontractor-restriction";
                    default -> "subcontractor-rectification";
                };
        CorrectionSource.Correction correction = correctionOf(request);
        outbox.enqueue(OutgoingMail.of(request.id(), notification.subcontractorEmail(), template, notification.language(),
                Map.of("reference", request.reference(),
                        "reminder", reminder,
                        "retentionReview", notification.occasion() == SubcontractorNotifications.Occasion.RETENTION_REVIEW,
                        "subcontractor", notification.subcontractorName(),
                        "personName", Objects.toString(correction.personName(), ""),
                        "personEmail", Objects.toString(correction.personEmail(), ""),
                        "disclosedOn", dateIn(notification.disclosedOn(), notification.language()),
                        "purpose", notification.disclosurePurpose() == null ? "" : notification.disclosurePurpose(),
                        "link", link.url(),
                        "changes", correction.values().stream()
                                .map(v -> Map.of("field", v.field(), "value", v.value())).toList())));
    }

    /** A date as the mail's language writes it in running text (5.3.2024, 5 March 2024), never ISO. */
    static String dateIn(LocalDate date, String language) {
        if (date == null) {
            return "";
        }
        return "en".equals(language)
                ? DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(date)
                : DateTimeFormatter.ofPattern("d.M.yyyy").format(date);
    }

    /**
     * The person as the recipient knows them, and for a correction what changed. For an erasure, whose contact is
     * already gone, the requester's own name and address, and nothing to correct.
     */
    private CorrectionSource.Correction correctionOf(DsrRequest request) {
        return corrections.stream().flatMap(source -> source.correctionFor(request.id()).stream()).findFirst()
                .orElseGet(() -> new CorrectionSource.Correction(
                        request.requesterName() == null ? "" : request.requesterName(), request.requesterEmail(),
                        List.of()));
    }
}
