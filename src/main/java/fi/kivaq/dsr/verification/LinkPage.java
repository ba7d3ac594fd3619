package fi.kivaq.dsr.verification;

import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RequestType;

/**
 * What a link page may show: the link's state, whether this very request confirmed it, and for a known link the
 * request's reference and type and the language to speak. Never an address or a name.
 */
public record LinkPage(LinkState state, boolean confirmed, String reference, RequestType type, Language language) {

    public static LinkPage unknown() {
        return new LinkPage(LinkState.UNKNOWN, false, null, null, null);
    }

    public static LinkPage of(LinkState state, String reference, RequestType type, Language language) {
        return new LinkPage(state, false, reference, type, language);
    }

    /** The answer to the button press that just claimed the link and acted on it. */
    public LinkPage confirmedNow() {
        return new LinkPage(LinkState.USED, true, reference, type, language);
    }

    /** The same link seen in another state, e.g. a claim lost to a concurrent click. */
    public LinkPage in(LinkState newState) {
        return new LinkPage(newState, false, reference, type, language);
    }
}
