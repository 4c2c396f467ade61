import { createSmtpMailer } from '../../src/infra/mail/smtp-mailer.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../src/simulation/smtp-sink/smtp-sink.ts';
import type { Mailer } from '../../src/domain/mail/mailer.ts';

/** A local SMTP server and the platform's real SMTP mailer pointed at it: what the tests read is what went over SMTP. */
export async function startMailSink(): Promise<{ sink: SmtpSink; mailer: Mailer; close(): Promise<void> }> {
  const sink = await startSmtpSink();
  const mailer = createSmtpMailer({ host: sink.host, port: sink.port, secure: false }, 'vroegsignaal <noreply@vroegsignaal.test>');
  return {
    sink,
    mailer,
    async close() {
      mailer.close();
      await sink.close();
    },
  };
}

/** The one link to the platform in a mail's plain text (the same link is in its HTML). */
export function linkIn(mail: ReceivedMail): URL {
  const links = [...new Set(mail.text.match(/https?:\/\/\S+/g) ?? [])];
  if (links.length !== 1) throw new Error(`expected one link in the mail, found ${links.length}`);
  return new URL(links[0]!);
}
