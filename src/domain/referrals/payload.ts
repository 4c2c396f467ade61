import type { DataCategory } from '../signals/signal.ts';

/**
 * What the debt-help system receives (docs/integrations/referral.schema.json): what it needs to
 * start help and no more — who the resident is and where they live, how to reach them, and the
 * debts that were signalled (creditor, kind, amount). No BSN (the debt-help intake asks for it
 * itself, with the resident), no customer numbers, no notes, no contact history. Personal data
 * only from signals whose rule allowed it (contact details, amount).
 */
export interface ReferralPayload {
  version: 1;
  referralId: string;
  createdAt: string;
  municipalityCode: string;
  caseId: string;
  result: string;
  consent: { given: true; recordedAt: string; recordedBy: string };
  resident: {
    name: string | null;
    address: { street: string | null; houseNumber: string | null; houseNumberAddition: string | null; postcode: string | null; city: string | null } | null;
    phone: string | null;
    email: string | null;
  };
  debts: Array<{ creditor: string; signalType: string; partnerType: string; signalDate: string; amount: string | null }>;
}

export interface PayloadSignal {
  creditorName: string;
  signalType: string;
  partnerType: string;
  signalDate: string;
  categories: readonly DataCategory[];
  amountCents: string | number | null;
  initials: string | null;
  givenName: string | null;
  prefix: string | null;
  surname: string | null;
  street: string | null;
  houseNumber: string | null;
  houseNumberAddition: string | null;
  postcode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
}

const euros = (cents: string | number) => (Number(cents) / 100).toFixed(2);

export function referralPayload(input: {
  referralId: string;
  createdAt: Date;
  municipalityCode: string;
  caseId: string;
  result: string;
  consentBy: string;
  signals: readonly PayloadSignal[];
}): ReferralPayload {
  // The newest signal that may carry contact details names and places the resident.
  const contact = [...input.signals].sort((a, b) => b.signalDate.localeCompare(a.signalDate)).find((s) => s.categories.includes('contact_details'));
  const name = contact ? [contact.initials ?? contact.givenName, contact.prefix, contact.surname].filter(Boolean).join(' ') || null : null;
  return {
    version: 1,
    referralId: input.referralId,
    createdAt: input.createdAt.toISOString(),
    municipalityCode: input.municipalityCode,
    caseId: input.caseId,
    result: input.result,
    consent: { given: true, recordedAt: input.createdAt.toISOString(), recordedBy: input.consentBy },
    resident: {
      name,
      address: contact ? { street: contact.street, houseNumber: contact.houseNumber, houseNumberAddition: contact.houseNumberAddition, postcode: contact.postcode, city: contact.city } : null,
      phone: contact?.phone ?? null,
      email: contact?.email ?? null,
    },
    debts: input.signals.map((s) => ({
      creditor: s.creditorName,
      signalType: s.signalType,
      partnerType: s.partnerType,
      signalDate: s.signalDate,
      amount: s.categories.includes('arrear_amount') && s.amountCents !== null ? euros(s.amountCents) : null,
    })),
  };
}
