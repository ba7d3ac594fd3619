package fi.kivaq.dsr.mail;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Prints what the outbox's sending costs, the way it was and the way it is; asserts nothing. Not part of the build:
 * <pre>
 * ./mvnw -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) fi.kivaq.dsr.mail.OutboxBenchmark
 * </pre>
 * (1) building and encoding one letter mail (text, HTML, a 100 KiB PDF): a message class of our own, so that Spring's
 * helper builds a new file type map each time, and Jakarta Mail's stream provider found by the service loader per
 * body part; against Spring's own message class and the provider named once. (2) handing mails to an in-process SMTP
 * server (GreenMail): a connection per mail, against one connection for the batch.
 */
public final class OutboxBenchmark {

    private static final String FROM = "KivaQ OyAb <tietosuoja@kivaq.fi>";
    private static final byte[] PDF = new byte[100 * 1024];
    private static final String TEXT = "Hei,\n\nliitteenä vastauksemme.\n\n".repeat(20);
    private static final String HTML = "<html><body><p>Hei,</p><p>liitteenä vastauksemme.</p></body></html>";

    public static void main(String[] args) throws Exception {
        new Random(1).nextBytes(PDF);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        try {
            String provider = StreamProvider.provider().getClass().getName();
            int n = 400;
            for (int round = 1; round <= 3; round++) {
                System.clearProperty(StreamProvider.class.getName());
                double before = buildMillis(n, () -> ownMessageClass(sender.getSession()));
                System.setProperty(StreamProvider.class.getName(), provider);
                double after = buildMillis(n, () -> springMessageClass(sender));
                System.out.printf("round %d: build+encode a letter mail: %.2f ms before, %.2f ms now (%d each)%n",
                        round, before, after, n);
            }
            int mails = 200;
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < mails; i++) {
                    sender.send(springMessageClass(sender));
                }
                double perConnection = mails / ((System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                Transport transport = sender.getSession().getTransport("smtp");
                transport.connect("127.0.0.1", port, null, null);
                try {
                    for (int i = 0; i < mails; i++) {
                        MimeMessage message = springMessageClass(sender);
                        transport.sendMessage(message, message.getAllRecipients());
                    }
                } finally {
                    transport.close();
                }
                double batch = mails / ((System.nanoTime() - start) / 1e9);
                System.out.printf("round %d: SMTP, %d letter mails: %.0f mails/s with a connection each, "
                        + "%.0f mails/s over one connection%n", round, mails, perConnection, batch);
                smtp.purgeEmailFromAllMailboxes();
            }
        } finally {
            smtp.stop();
        }
    }

    private interface MessageFactory {
        MimeMessage create() throws MessagingException;
    }

    private static double buildMillis(int n, MessageFactory factory) throws Exception {
        OutputStream sink = OutputStream.nullOutputStream();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            MimeMessage message = factory.create();
            message.saveChanges();
            message.writeTo(sink);
        }
        return (System.nanoTime() - start) / 1e6 / n;
    }

    /** The old way: our own subclass, so Spring's helper builds a new ConfigurableMimeFileTypeMap per message. */
    private static MimeMessage ownMessageClass(Session session) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<fixed@dsr.kivaq.fi>");
            }
        };
        return fill(message);
    }

    private static MimeMessage springMessageClass(JavaMailSenderImpl sender) throws MessagingException {
        return fill(sender.createMimeMessage());
    }

    private static MimeMessage fill(MimeMessage message) throws MessagingException {
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(FROM);
        helper.setTo("someone@test.example");
        helper.setSubject("Vastaus pyyntöönne DSR-2026-00042");
        helper.setText(TEXT, HTML);
        helper.addAttachment("KivaQ-DSR-2026-00042.pdf", new ByteArrayResource(PDF), "application/pdf");
        return message;
    }
}
