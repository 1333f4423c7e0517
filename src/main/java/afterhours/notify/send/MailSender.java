package afterhours.notify.send;

import afterhours.config.AppConfig;
import afterhours.notify.Outbox;
import afterhours.notify.Recipient;
import afterhours.notify.Sender;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Sends the message as plain-text e-mail through the organisation's SMTP server (Jakarta Mail): STARTTLS
 * required unless switched off, login when a user is set, 10 s to connect, read and write.
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
        this.session = Session.getInstance(p);
    }

    @Override
    public void send(Recipient recipient, Outbox.Delivery delivery) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(smtp.from()));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(recipient.address(), true));
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
