package fi.kivaq.dsr.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The demo run's built-in SMTP server: a real SMTP listener (GreenMail) on this machine that keeps every mail it
 * receives as an {@code .eml} file, with a readable {@code .txt} copy beside it, under {@code dsr.mail-sink.directory}.
 * It starts only when {@code spring.mail.host} points at this machine, so configuring a real SMTP server turns it off.
 */
@Component
@ConditionalOnProperty(name = "dsr.mail-sink.enabled", havingValue = "true")
class MailSink implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailSink.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final String host;
    private final int port;
    private final Path directory;
    private GreenMail greenMail;
    /** GreenMail lists received mails per mailbox, not in arrival order: remember which ones are written. */
    private final Set<String> written = new HashSet<>();

    MailSink(@Value("${spring.mail.host}") String host, @Value("${spring.mail.port}") int port,
             @Value("${dsr.mail-sink.directory:./data/mail}") Path directory) {
        this.host = host;
        this.port = port;
        this.directory = directory;
    }

    @Override
    public void start() {
        if (!isThisMachine(host)) {
            log.info("Mail sink not started: spring.mail.host={} is another machine", host);
            return;
        }
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        log.info("Mail sink listening on 127.0.0.1:{}; mails are written to {}", port, directory.toAbsolutePath());
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            writeNewMails();
            greenMail.stop();
            greenMail = null;
        }
    }

    @Override
    public boolean isRunning() {
        return greenMail != null;
    }

    @Override
    public int getPhase() {
        // before the web server and the job executor, after which mails may be sent
        return Integer.MIN_VALUE + 100;
    }

    @Scheduled(fixedDelay = 1000)
    synchronized void writeNewMails() {
        if (greenMail == null) {
            return;
        }
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                String id = message.getMessageID() + " " + String.join(",", message.getHeader("To"));
                if (written.add(id)) {
                    write(message, written.size());
                }
            } catch (IOException | MessagingException e) {
                log.warn("Could not write a mail of the sink: {}", e.getMessage());
            }
        }
    }

    private void write(MimeMessage message, int number) throws IOException, MessagingException {
        Files.createDirectories(directory);
        String base = LocalDateTime.now().format(FILE_TIME) + "-" + String.format("%04d", number);
        try (OutputStream out = Files.newOutputStream(directory.resolve(base + ".eml"))) {
            message.writeTo(out);
        }
        String readable = "From: " + String.join(", ", message.getHeader("From")) + "\n"
                + "To: " + String.join(", ", message.getHeader("To")) + "\n"
                + "Subject: " + message.getSubject() + "\n\n"
                + MailText.plainText(message) + "\n";
        Files.writeString(directory.resolve(base + ".txt"), readable);
        log.info("Mail sink received '{}' -> {}", message.getSubject(), directory.resolve(base + ".txt"));
    }


    private static boolean isThisMachine(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
