package fi.kivaq.dsr.status;

import java.time.Duration;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.mail.RequestStatusLink;
import fi.kivaq.dsr.request.DsrRequest;
import fi.kivaq.dsr.request.RequestRepository;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.verification.LinkPurpose;
import fi.kivaq.dsr.verification.SingleUseLinks;

/**
 * The status page's links: tokens of the single-use link family that are only ever looked up, never claimed, so
 * every mail's link keeps working for {@code dsr.status-page.link-validity} (default 400 days: past the longest
 * deadline and a year of questions about the answer). Each mail gets a token of its own; revoking ends them all.
 */
@Service
public class RequestStatusLinks implements RequestStatusLink {

    static final LinkPurpose STATUS = new LinkPurpose("REQUEST_STATUS", "/status/");

    private final SingleUseLinks links;
    private final RequestRepository requests;
    private final Duration validity;

    RequestStatusLinks(SingleUseLinks links, RequestRepository requests,
                       @Value("${dsr.status-page.link-validity:P400D}") Duration validity) {
        this.links = links;
        this.requests = requests;
        this.validity = validity;
    }

    /** Only for the requester's own address: a subcontractor's or a colleague's mail about the request gets none. */
    @Override
    @Transactional
    public Optional<String> urlFor(long requestId, String recipient) {
        return requests.findById(requestId)
                .filter(request -> isRequester(request, recipient))
                .map(request -> links.issueAnother(STATUS, requestId, requestId, validity).url());
    }

    /** Every status link of the request stops working (e.g. when a link was forwarded by mistake). */
    @Transactional
    public void revoke(long requestId) {
        links.revoke(STATUS, requestId);
    }

    /** The request a link shows, if the link is known and not expired. */
    Optional<Long> requestOf(String token) {
        SingleUseLinks.Link link = links.find(STATUS, token);
        return switch (link.state()) {
            case VALID -> Optional.of(link.requestId());
            default -> Optional.empty();
        };
    }

    private static boolean isRequester(DsrRequest request, String recipient) {
        return request.requesterEmail() != null && recipient != null
                && EmailAddresses.normalise(request.requesterEmail()).equals(EmailAddresses.normalise(recipient));
    }
}
