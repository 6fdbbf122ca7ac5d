// Outgoing mail through the SMTP server named by SMTP_URL (nodemailer). One transport per app, closed with it.
import nodemailer from 'nodemailer';

export type Mail = { to: string; subject: string; text: string; locale: string };

export type Mailer = {
  send(mail: Mail): Promise<void>;
  close(): void;
};

export function smtpMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: { 'Content-Language': mail.locale },
      });
    },
    close: () => transport.close(),
  };
}
