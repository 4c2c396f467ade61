/**
 * Sends a text message to one phone number (an SMS provider over HTTP). Resolves once the provider
 * accepted it; rejects otherwise. Implementations never log the number or the text.
 */
export interface SmsSender {
  send(message: { to: string; text: string }): Promise<void>;
}

/** Dutch numbers as a provider wants them (E.164): 06 12345678 → +31612345678; anything else: null. */
export function e164(phone: string): string | null {
  const digits = phone.replace(/[\s().-]/g, '');
  if (/^\+[1-9]\d{7,14}$/.test(digits)) return digits;
  if (/^00[1-9]\d{7,14}$/.test(digits)) return `+${digits.slice(2)}`;
  if (/^0[1-9]\d{8}$/.test(digits)) return `+31${digits.slice(1)}`;
  return null;
}
