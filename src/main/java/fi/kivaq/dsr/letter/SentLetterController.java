package fi.kivaq.dsr.letter;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import fi.kivaq.dsr.request.RequestRepository;

/** Staff see exactly the file a requester received: the stored, sealed letter, byte for byte. */
@Controller
class SentLetterController {

    private record StoredLetter(String fileName, byte[] content) {
    }

    private final JdbcClient jdbc;
    private final RequestRepository requests;

    SentLetterController(JdbcClient jdbc, RequestRepository requests) {
        this.jdbc = jdbc;
        this.requests = requests;
    }

    @GetMapping("/staff/requests/{reference}/letters/{id}")
    ResponseEntity<byte[]> letter(@PathVariable String reference, @PathVariable long id) {
        return requests.findByReference(reference)
                .flatMap(request -> jdbc.sql("""
                                select file_name, content from response_letter where id = :id and request_id = :request""")
                        .param("id", id).param("request", request.id())
                        .query(StoredLetter.class).optional())
                .map(letter -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.inline().filename(letter.fileName()).build().toString())
                        .body(letter.content()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
