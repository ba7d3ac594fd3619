package fi.kivaq.dsr.letter;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;

import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/** Asks an RFC 3161 time-stamp authority over HTTP for a token over some bytes (here: a signature value). */
final class TimeStampClient {

    private static final String REQUEST_TYPE = "application/timestamp-query";

    private final URI url;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    TimeStampClient(URI url) {
        this.url = url;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    TimeStampToken timeStamp(byte[] data) throws IOException {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, digest, new BigInteger(64, random));

        HttpRequest post = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", REQUEST_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                .build();
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the time-stamp authority", e);
        }
        if (answer.statusCode() != 200) {
            throw new IOException("Time-stamp authority " + url + " answered HTTP " + answer.statusCode());
        }
        try {
            TimeStampResponse response = new TimeStampResponse(answer.body());
            response.validate(request);
            TimeStampToken token = response.getTimeStampToken();
            if (token == null) {
                throw new IOException("Time-stamp authority " + url + " refused: status " + response.getStatus()
                        + " " + response.getStatusString());
            }
            return token;
        } catch (TSPException e) {
            throw new IOException("Invalid answer from time-stamp authority " + url, e);
        }
    }
}
