package fi.kivaq.dsr.request;

import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.ReceivedVia;
import fi.kivaq.dsr.shared.RequestStatus;
import fi.kivaq.dsr.shared.VerificationState;

/**
 * Files a request. What happens next never depends, visibly to the requester, on whether the address is in the
 * register.
 * <p>
 * A public request (form, API, one-click link) is one row and what must happen at once ({@link RequestQueued}: the
 * verification link mailed, a newsletter consent ended) in the requester's transaction; its processes start just
 * after that commit ({@link ProcessStarter}), so the answer does not wait for them. A request staff register starts
 * its processes ({@link RequestFiled}) in the transaction that files it, as the staff page shows them at once.
 */
@Service
public class RequestIntake {

    private final RequestRepository requests;
    private final ApplicationEventPublisher events;
    private final DeadlineCalculator deadlines;
    private final RequestEvidence evidence;
    private final AddressLimit limit;
    private final TransactionTemplate transactions;
    private final ProcessStarter starter;

    RequestIntake(RequestRepository requests, ApplicationEventPublisher events, DeadlineCalculator deadlines,
                  RequestEvidence evidence, AddressLimit limit, PlatformTransactionManager transactionManager,
                  ProcessStarter starter) {
        this.starter = starter;
        this.requests = requests;
        this.events = events;
        this.deadlines = deadlines;
        this.evidence = evidence;
        this.limit = limit;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * A public request (form, API), filed only while its address is within its limit of public requests in the
     * configured window ({@link AddressLimit}: counted atomically, so a burst cannot pass it); empty when the limit
     * is reached, and then nothing is stored. The limit is the same for every address, so the answer says nothing
     * about the register.
     */
    public Optional<DsrRequest> fileWithinLimit(NewRequest request) {
        String key = limit.keyOf(request.email());
        limit.ensureCounter(key);
        return transactions.execute(status -> limit.take(key) ? Optional.of(file(request)) : Optional.<DsrRequest>empty());
    }

    /** A request whose address still has to be verified (web form, API); its processes start after the commit. */
    @Transactional
    public DsrRequest file(NewRequest request) {
        DsrRequest filed = requests.insert(request, deadlines.dueDate(request.receivedAt()),
                RequestStatus.AWAITING_VERIFICATION, VerificationState.PENDING, null, false);
        queued(filed);
        return filed;
    }

    /**
     * A request that reached us by letter, e-mail or phone, registered by staff. Its deadline counts from when it
     * arrived, which may be in the past. With evidence of identity (a signed letter) no link is mailed: a digitally
     * signed PDF whose signature proves identity ({@link SignatureVerdict#VALID}) needs nothing more; a scanned
     * letter, or a signature that does not prove it (the staff page says why), waits for staff to check it.
     */
    @Transactional
    public DsrRequest fileByStaff(NewRequest request, ReceivedVia receivedVia, String staffUser,
                                  Optional<SignedRequestCheck.Evidence> proof) {
        boolean evidenced = proof.isPresent();
        DsrRequest filed = requests.insert(request, deadlines.dueDate(request.receivedAt()),
                evidenced ? RequestStatus.IN_PROGRESS : RequestStatus.AWAITING_VERIFICATION,
                evidenced ? VerificationState.NOT_REQUIRED : VerificationState.PENDING, null);
        requests.markRegisteredByStaff(filed.id(), receivedVia, staffUser);
        proof.ifPresent(file -> evidence.store(filed.id(), file, staffUser));
        started(filed, proof.map(file -> !file.provesIdentity()).orElse(false));
        return filed;
    }

    /**
     * A correction staff make to a contact in the register, at the person's request by letter, e-mail or phone
     * ({@code receivedVia}) or on KivaQ's own initiative ({@code null}): it takes the same path as a requester's
     * rectification, without a verification link (staff act on the register entry itself).
     */
    @Transactional
    public DsrRequest fileForContactByStaff(NewRequest request, long contactId, ReceivedVia receivedVia, String staffUser) {
        DsrRequest filed = requests.insert(request, deadlines.dueDate(request.receivedAt()),
                RequestStatus.IN_PROGRESS, VerificationState.NOT_REQUIRED, contactId);
        requests.markRegisteredByStaff(filed.id(), receivedVia, staffUser);
        started(filed, false);
        return filed;
    }

    /**
     * A request from a channel that already proves control of the contact's address (one-click link); its
     * processes start after the commit.
     */
    @Transactional
    public DsrRequest fileVerified(NewRequest request, long contactId) {
        DsrRequest filed = requests.insert(request, deadlines.dueDate(request.receivedAt()),
                RequestStatus.IN_PROGRESS, VerificationState.NOT_REQUIRED, contactId, false);
        queued(filed);
        return filed;
    }

    private void queued(DsrRequest filed) {
        events.publishEvent(new RequestQueued(filed.id(), filed.reference(), filed.type(),
                filed.verificationState() == VerificationState.PENDING));
        starter.wakeAfterCommit();
    }

    private void started(DsrRequest filed, boolean evidenceCheckRequired) {
        events.publishEvent(new RequestFiled(filed.id(), filed.reference(), filed.type(),
                filed.verificationState() == VerificationState.PENDING, evidenceCheckRequired));
    }
}
