package fi.kivaq.dsr.register;

import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fi.kivaq.dsr.shared.RetentionPolicy;

/**
 * The link between a contact and an invoice issued to them, kept under the Accounting Act (1336/1997, 2:10). Its
 * purge date is computed here from the invoice date and the configured financial-year end, never typed in; the daily
 * retention run deletes the link on that date.
 */
@Service
public class InvoiceLinks {

    private final JdbcClient jdbc;
    private final RetentionPolicy policy;

    InvoiceLinks(JdbcClient jdbc, RetentionPolicy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    /**
     * Records that the invoice was issued to the contact, with the purge date the Accounting Act gives it.
     *
     * @return the link's purge date
     */
    @Transactional
    public LocalDate add(long contactId, String invoiceNumber, LocalDate invoiceDate) {
        LocalDate purgeOn = policy.purgeOnForInvoice(invoiceDate);
        jdbc.sql("""
                        insert into invoice_link (contact_id, invoice_number, invoice_date, purge_on)
                        values (:contact, :number, :date, :purge)""")
                .param("contact", contactId).param("number", invoiceNumber).param("date", invoiceDate)
                .param("purge", purgeOn).update();
        return purgeOn;
    }
}
