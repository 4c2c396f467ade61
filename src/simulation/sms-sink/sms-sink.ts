import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** A text message as the sink received it. */
export interface ReceivedSms {
  to: string;
  text: string;
  /** The Authorization header as sent (the provider token), or undefined. */
  authorization: string | undefined;
  receivedAt: Date;
  /** Where it was written (.json), when the sink keeps a folder. */
  file?: string;
}

export interface SmsSink {
  /** The URL to give the platform as SMS_PROVIDER_URL. */
  url: string;
  port: number;
  /** Every message accepted, oldest first. */
  messages(): ReceivedSms[];
  close(): Promise<void>;
}

export interface SmsSinkOptions {
  /** 0 (default): a free port. */
  port?: number;
  /** Demand `Authorization: Bearer <token>`, as a real provider would; others get 401. */
  token?: string;
  /** Also write each message to this folder as a .json file (the demo's SMS box). */
  dir?: string;
}

const MAX_BODY_BYTES = 64 * 1024;

async function bodyOf(req: IncomingMessage): Promise<string> {
  let data = '';
  for await (const chunk of req) {
    data += String(chunk);
    if (data.length > MAX_BODY_BYTES) throw new Error('too large');
  }
  return data;
}

/**
 * A local stand-in for an HTTP SMS provider, for the demo and the tests: it takes what the
 * platform's real HTTP sender posts (POST {to, text}, bearer token), answers 202 and keeps it.
 * Loopback only; nothing is forwarded anywhere.
 */
export async function startSmsSink(opts: SmsSinkOptions = {}): Promise<SmsSink> {
  const received: ReceivedSms[] = [];
  let counter = 0;
  if (opts.dir) await mkdir(opts.dir, { recursive: true });
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST') return res.writeHead(405).end();
      if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) return res.writeHead(401).end();
      let message: { to?: unknown; text?: unknown };
      try {
        message = JSON.parse(await bodyOf(req)) as typeof message;
      } catch {
        return res.writeHead(400).end();
      }
      if (typeof message.to !== 'string' || typeof message.text !== 'string') return res.writeHead(400).end();
      const sms: ReceivedSms = { to: message.to, text: message.text, authorization: req.headers.authorization, receivedAt: new Date() };
      if (opts.dir) {
        counter += 1;
        sms.file = path.join(opts.dir, `${sms.receivedAt.toISOString().replace(/[:.]/g, '-')}-${counter}.json`);
        await writeFile(sms.file, JSON.stringify({ to: sms.to, text: sms.text, receivedAt: sms.receivedAt }, null, 2) + '\n');
      }
      received.push(sms);
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id: String(received.length) }));
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    port,
    messages: () => [...received],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The demo's SMS box for `npm start` without an SMS provider: the sink on `port` (a free one when
 * taken), writing each text message to `dir` as a .json file.
 */
export async function startDemoSmsBox(dir: string, port: number): Promise<SmsSink> {
  try {
    return await startSmsSink({ port, dir });
  } catch (e) {
    if ((e as { code?: string }).code !== 'EADDRINUSE') throw e;
    return startSmsSink({ port: 0, dir });
  }
}
