package fi.kivaq.dsr.request;

import fi.kivaq.dsr.shared.RequestType;

/**
 * Published synchronously inside the transaction that files a public request (form, API, one-click link), whose
 * processes start just after that commit ({@link ProcessStarter}). What must happen at once, in the filing
 * transaction, listens to it: the verification link is mailed, a newsletter consent ends. {@link RequestFiled}
 * follows when the processes start.
 */
public record RequestQueued(long requestId, String reference, RequestType type, boolean verificationRequired) {
}
