/**
 * An e-mail the platform sends: to one address, with a plain-text body and the same as simple HTML
 * (mail clients that show HTML get links that read well, the others the text).
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends e-mail (SMTP in production, the local sink in the demo and tests). Resolves once the mail
 * server has accepted the message; rejects when it did not. Implementations never log the address
 * or the body: they are personal data.
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** No mail server is configured (SMTP_URL / SMTP_HOST) and no demo mailbox runs: nothing can be sent. */
export class MailNotConfigured extends Error {
  constructor() {
    super('e-mail is niet ingesteld (SMTP_URL of SMTP_HOST)');
  }
}
