package fi.kivaq.dsr.access;

import java.util.List;

import org.springframework.core.OrderComparator;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.AccessExtract;
import fi.kivaq.dsr.shared.EmailAddresses;
import fi.kivaq.dsr.shared.PersonalDataOwner;

/**
 * The register extract of an access request, built by asking every module what it holds about the person: the
 * register its contact fields, organisation role, source and consents; the subcontractor log its disclosures; the
 * requests the person's earlier requests. Access reads no other module's table.
 */
@Component
class AccessExtractAssembler {

    private final List<PersonalDataOwner> owners;

    AccessExtractAssembler(List<PersonalDataOwner> owners) {
        this.owners = owners.stream().sorted(OrderComparator.INSTANCE).toList();
    }

    /**
     * @param requestId the request being answered: not one of the "earlier requests"
     * @param contactId the person's contact in the register, or {@code null} when the address is not a contact
     * @param address   the verified address of the request
     */
    AccessExtract extract(long requestId, Long contactId, String address) {
        PersonalDataOwner.Person person = new PersonalDataOwner.Person(requestId, contactId,
                EmailAddresses.normalise(address));
        PersonalDataOwner.AccessCopy copy = new PersonalDataOwner.AccessCopy();
        owners.forEach(owner -> owner.describe(person, copy));
        return copy.extract();
    }
}
