import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the sink received it: the envelope's addresses and the parsed mail. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: Date;
  /** The message as it came in (RFC 5322). */
  raw: Buffer;
  /** Where it was written (.eml), when the sink keeps a mailbox folder. */
  file?: string;
}

export interface SmtpSink {
  host: string;
  port: number;
  /** Every message received, oldest first. */
  messages(): ReceivedMail[];
  /**
   * The oldest message to `to` that no earlier waitFor returned, waiting for one up to `timeoutMs`.
   * Whether the mail came before or after the call does not matter.
   */
  waitFor(to: string, opts?: { timeoutMs?: number }): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  host?: string;
  /** 0 (default): a free port. */
  port?: number;
  /** Also write each message to this folder as an .eml file (the demo's mailbox). */
  mailboxDir?: string;
  /** Demand this login (AUTH PLAIN/LOGIN over the plain connection), as a real relay would. */
  auth?: { user: string; password: string };
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * A local SMTP server that accepts every message and keeps it, for the tests and the demo: the
 * platform sends through its real SMTP client to it, so what is tested is what would go out. Plain
 * SMTP on the loopback interface, no TLS (no certificate to trust), no relaying anywhere.
 */
export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const taken = new Set<ReceivedMail>();
  const waiters: Array<() => void> = [];
  let counter = 0;
  if (opts.mailboxDir) await mkdir(opts.mailboxDir, { recursive: true });

  const server = new SMTPServer({
    banner: 'vroegsignaal local mailbox',
    logger: false,
    size: MAX_MESSAGE_BYTES,
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    onAuth(auth, _session, callback) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.password) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        void (async () => {
          const parsed = await simpleParser(raw);
          const mail: ReceivedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            receivedAt: new Date(),
            raw,
          };
          if (opts.mailboxDir) {
            counter += 1;
            mail.file = path.join(opts.mailboxDir, `${mail.receivedAt.toISOString().replace(/[:.]/g, '-')}-${counter}.eml`);
            await writeFile(mail.file, raw, { mode: 0o600 });
          }
          received.push(mail);
          for (const w of waiters.splice(0)) w();
        })().then(() => callback(), (e: unknown) => callback(e as Error));
      });
    },
  });
  server.on('error', () => {
    // A client that hangs up mid-message is its own problem; the sink keeps listening.
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address() as AddressInfo;

  const next = (to: string) => received.find((m) => !taken.has(m) && m.to.includes(to.toLowerCase()));
  return {
    host: address.address,
    port: address.port,
    messages: () => [...received],
    waitFor(to, { timeoutMs = 10_000 } = {}) {
      return new Promise((resolve, reject) => {
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          reject(new Error(`no mail for ${to} within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (timedOut) return;
          const m = next(to);
          if (!m) return void waiters.push(check);
          clearTimeout(timer);
          taken.add(m);
          resolve(m);
        };
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
