package fi.kivaq.dsr.newsletter;

import org.springframework.stereotype.Component;

import fi.kivaq.dsr.mail.ListMembership;
import fi.kivaq.dsr.register.NewsletterAudience;

/** The outbox asks, just before each issue's mail goes, whether its recipient is still in the live audience. */
@Component
class NewsletterListMembership implements ListMembership {

    private final NewsletterAudience audience;
    private final NewsletterProperties properties;

    NewsletterListMembership(NewsletterAudience audience, NewsletterProperties properties) {
        this.audience = audience;
        this.properties = properties;
    }

    @Override
    public boolean answersFor(String listId) {
        return properties.listId().equals(listId);
    }

    @Override
    public boolean stillOnList(String listId, String recipient) {
        return audience.isLive(recipient);
    }
}
