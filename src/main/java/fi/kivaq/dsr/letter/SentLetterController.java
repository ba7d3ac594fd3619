package fi.kivaq.dsr.letter;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Staff see exactly the file a requester received: the stored, sealed letter, byte for byte. */
@Controller
class SentLetterController {

    private record StoredLetter(String fileName, byte[] content) {
    }

    private final JdbcClient jdbc;

    SentLetterController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/staff/requests/{reference}/letters/{id}")
    ResponseEntity<byte[]> letter(@PathVariable String reference, @PathVariable long id) {
        return jdbc.sql("""
                        select l.file_name, l.content from response_letter l join dsr_request r on r.id = l.request_id
                        where l.id = :id and r.reference = :reference""")
                .param("id", id).param("reference", reference)
                .query(StoredLetter.class).optional()
                .map(letter -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.inline().filename(letter.fileName()).build().toString())
                        .body(letter.content()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
