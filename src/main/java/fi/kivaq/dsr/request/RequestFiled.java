package fi.kivaq.dsr.request;

import java.util.HashMap;
import java.util.Map;

import fi.kivaq.dsr.shared.ProcessVariables;
import fi.kivaq.dsr.shared.RequestType;

/**
 * Published synchronously inside the transaction that starts a request's processes, which its feature module and the
 * deadline watch start on it: the filing transaction of a request staff register, the {@link ProcessStarter}'s just
 * after the filing of a public one. The row's claim and the processes commit together or not at all.
 *
 * @param evidenceCheckRequired the request came with evidence of identity (a signed letter) that staff check
 *                              instead of mailing a verification link
 */
public record RequestFiled(long requestId, String reference, RequestType type, boolean verificationRequired,
                           boolean evidenceCheckRequired) {

    /** The start variables of the request's own process: its id and flags, nothing personal. */
    public Map<String, Object> processVariables() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.REQUEST_ID, requestId);
        variables.put(ProcessVariables.VERIFICATION_REQUIRED, verificationRequired);
        if (type != RequestType.UNSUBSCRIBE) {
            // access, rectification and erasure accept a signed request as proof of identity
            variables.put(ProcessVariables.EVIDENCE_CHECK_REQUIRED, evidenceCheckRequired);
        }
        return variables;
    }
}
