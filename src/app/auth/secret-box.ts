import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets the platform must be able to use again (an identity provider's client secret, a TOTP
 * seed) are stored sealed with AES-256-GCM under SECRETS_KEY: a copy of the database alone does
 * not hand them out. The purpose is bound in as associated data, so a sealed TOTP seed cannot be
 * passed off as a client secret.
 */
export interface SecretBox {
  seal(purpose: string, plain: string): string;
  /** The plain text, or undefined when the value was not sealed by this key for this purpose. */
  open(purpose: string, sealed: string): string | undefined;
}

const VERSION = 'v1';

export function createSecretBox(secretsKey: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', secretsKey, 'vroegsignaal', 'secret-box v1', 32));
  return {
    seal(purpose, plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(purpose));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(purpose, sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== VERSION || !iv || body === undefined || !tag) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(purpose));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}
