import type { ContactType } from '../ddas/vocabulary.ts';
import type { Channel } from './templates.ts';

/** The DDAS contact type a message of each channel registers (DDAS vocabulary, src/domain/ddas). */
export const CHANNEL_CONTACT_TYPE: Record<Channel, ContactType> = { letter: 'Brief', email: 'Mail', sms: 'SMS/Whatsapp' };
