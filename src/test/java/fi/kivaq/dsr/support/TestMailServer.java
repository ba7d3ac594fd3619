package fi.kivaq.dsr.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) for the whole test JVM, on a free port fixed at start, so that a test can stop
 * it ("SMTP down") and start it again on the same address.
 */
public final class TestMailServer {

    public static final int PORT = freePort();
    private static GreenMail server;
    private static volatile Consumer<String> beforeAccepting = recipient -> { };

    private TestMailServer() {
    }

    public static synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            MessageDeliveryHandler delivery = server.getUserManager().getMessageDeliveryHandler();
            server.getUserManager().setMessageDeliveryHandler((message, address) -> {
                beforeAccepting.accept(address.getEmail());
                return delivery.handle(message, address);
            });
        }
    }

    /**
     * Runs {@code hook} with the recipient of every mail as the server receives its content, before it answers
     * "250 OK": a test can stall the server there, or cut the database, so that the sender's next step happens
     * after a mail was accepted. {@link #clearHook()} removes it.
     */
    public static void beforeAccepting(Consumer<String> hook) {
        beforeAccepting = hook;
    }

    public static void clearHook() {
        beforeAccepting = recipient -> { };
    }

    public static synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Every mail received since the server last started. */
    public static synchronized List<MimeMessage> received() {
        return server == null ? List.of() : List.of(server.getReceivedMessages());
    }

    /** Every mail received since the server last started, to the given address (any letter case). */
    public static synchronized List<MimeMessage> receivedBy(String address) {
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
