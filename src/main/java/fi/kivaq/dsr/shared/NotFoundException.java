package fi.kivaq.dsr.shared;

/**
 * Something a page or a step asked for by its id does not exist (any more). Each module names its own case
 * (e.g. {@code RequestNotFound}); the web layer answers every one of them with a 404 page that shows the message.
 * The message names only ids and references, never personal data.
 */
public abstract class NotFoundException extends RuntimeException {

    protected NotFoundException(String message) {
        super(message);
    }
}
