// Outgoing mail through the SMTP server named by SMTP_URL (nodemailer, loaded with the first mail). One transport per
// app, closed with it.
import type { Transporter } from 'nodemailer';

export type Mail = { to: string; subject: string; text: string; locale: string };

export type Mailer = {
  send(mail: Mail): Promise<void>;
  close(): void;
};

export function smtpMailer(options: { smtpUrl: string; from: string }): Mailer {
  let transport: Promise<Transporter> | undefined;
  const openTransport = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(options.smtpUrl)));
  return {
    async send(mail) {
      const smtp = await openTransport();
      await smtp.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: { 'Content-Language': mail.locale },
      });
    },
    close: () => void transport?.then((t) => t.close()),
  };
}
