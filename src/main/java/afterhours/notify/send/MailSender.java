package afterhours.notify.send;

import afterhours.config.AppConfig;
import afterhours.notify.Outbox;
import afterhours.notify.Recipient;
import afterhours.notify.RecipientRules;
import afterhours.notify.Undeliverable;
import afterhours.validation.InvalidField;
import afterhours.notify.Sender;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends the message as plain-text e-mail through the organisation's SMTP server (Jakarta Mail): STARTTLS
 * required unless switched off, the server's certificate checked against its name and the JVM's authorities
 * (or the configured ones), login when a user is set, 10 s to connect, read and write.
 */
public final class MailSender implements Sender {
    public static final int TIMEOUT_MILLIS = 10_000;

    private final AppConfig.Smtp smtp;
    private final Session session;

    public MailSender(AppConfig.Smtp smtp) {
        this.smtp = smtp;
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        p.put("mail.smtp.auth", Boolean.toString(smtp.username() != null));
        p.put("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
        p.put("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        p.put("mail.smtp.timeout", Integer.toString(TIMEOUT_MILLIS));
        p.put("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MILLIS));
        // the certificate must name the configured host, whoever signed it
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        if (smtp.trust() != null) {
            p.put("mail.smtp.ssl.socketFactory", trusting(smtp.trust()));
        }
        this.session = Session.getInstance(p);
    }

    /** TLS that trusts only {@code certificates} (an organisation's own CA), not the JVM's authorities. */
    private static SSLSocketFactory trusting(List<X509Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS with the configured certificates: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(Recipient recipient, Outbox.Delivery delivery) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(smtp.from()));
        // one mailbox, never a group or a list (checked when the recipient was added; again here for one stored before)
        String to;
        try {
            to = RecipientRules.mailbox(recipient.address());
        } catch (InvalidField e) {
            throw new Undeliverable(e.problem());
        }
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        m.setSubject(delivery.subject(), StandardCharsets.UTF_8.name());
        m.setText(delivery.body() + "\n\n-- \nAfterhours · " + delivery.deliveryId() + "\n", StandardCharsets.UTF_8.name());
        m.setHeader(WebhookSender.DELIVERY, delivery.deliveryId());
        m.setSentDate(new Date());
        if (smtp.username() != null) {
            Transport.send(m, smtp.username(), smtp.password());
        } else {
            Transport.send(m);
        }
    }
}
