import { createTransport } from 'nodemailer';
import type { Mailer, MailMessage } from '../../domain/mail/mailer.ts';

/** Where mail goes: a connection URL (smtp:// or smtps://, with user:password@ when the server asks), or its parts. */
export type SmtpSettings =
  | { url: string }
  | { host: string; port: number; secure: boolean; user?: string | undefined; password?: string | undefined };

/** The mail server was reached but did not take the message, or could not be reached. The cause stays in `cause`, never the address. */
export class MailNotSent extends Error {}

/**
 * Sends through an SMTP server with nodemailer, one connection per message (mail is rare here: a
 * reset, an invitation). Short timeouts, because an administrator waits for an invitation to go out;
 * STARTTLS is used whenever the server offers it.
 */
export function createSmtpMailer(settings: SmtpSettings, from: string): Mailer & { close(): void } {
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
  const transport = createTransport(
    'url' in settings
      ? { url: settings.url, ...timeouts }
      : { host: settings.host, port: settings.port, secure: settings.secure, ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}), ...timeouts },
    { from },
  );
  return {
    async send(m: MailMessage) {
      try {
        await transport.sendMail({ to: m.to, subject: m.subject, text: m.text, html: m.html });
      } catch (e) {
        // A refused recipient's reply may quote the address: only the code goes into the message (logs read it).
        const code = (e as { code?: string; responseCode?: number }).responseCode ?? (e as { code?: string }).code ?? 'unknown';
        throw new MailNotSent(`the mail server did not accept the message (${code})`, { cause: e });
      }
    },
    close: () => transport.close(),
  };
}
