package fi.kivaq.dsr.register;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.request.RegisteredNames;
import fi.kivaq.dsr.shared.EmailAddresses;

/** The register's answer to the evidence check: whose name goes with an address. */
@Component
class ContactNames implements RegisteredNames {

    private final JdbcClient jdbc;

    ContactNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> nameFor(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("select name from contact where email_normalised = :email")
                .param("email", EmailAddresses.normalise(email))
                .query(String.class).optional();
    }
}
