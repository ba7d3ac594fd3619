/**
 * The requester's status page: every mail about a request to the requester carries a long-lived link to
 * {@code /status/{token}}, which shows the request's reference, type, dates, current step and the sealed letters
 * sent, and nothing the requester did not type. A request whose address was never confirmed is not shown.
 */
package fi.kivaq.dsr.status;
