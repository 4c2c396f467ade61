import type { LocalizedText } from '../rules/judgement.ts';

/**
 * The documents the ground rules ask for: the advice of the Autoriteit Persoonsgegevens
 * (ground rule 7), the DPIA decision, and the internet publication (ground rule 8). Only PDF,
 * ODT and DOCX, recognised by their bytes rather than by the name or type the browser sends.
 */
export const DOCUMENT_KINDS = ['ap_advice', 'dpia', 'publication'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_LABELS: Record<DocumentKind, LocalizedText> = {
  ap_advice: { nl: 'Advies Autoriteit Persoonsgegevens', en: 'Advice of the Autoriteit Persoonsgegevens' },
  dpia: { nl: 'DPIA (of het besluit dat die niet nodig is)', en: 'DPIA (or the decision that none is needed)' },
  publication: { nl: 'Publicatie op internet', en: 'Publication on the internet' },
};

export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  odt: 'application/vnd.oasis.opendocument.text',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
export type DocumentMediaType = (typeof MEDIA_TYPES)[keyof typeof MEDIA_TYPES];

export function isDocumentKind(s: string): s is DocumentKind {
  return (DOCUMENT_KINDS as readonly string[]).includes(s);
}

const ascii = (bytes: Uint8Array, from: number, length: number) => Buffer.from(bytes.subarray(from, from + length)).toString('latin1');

/** What the bytes are: PDF by its header; ODT by the uncompressed mimetype entry that must come first; DOCX by its Word parts. */
export function detectMediaType(bytes: Uint8Array): DocumentMediaType | undefined {
  if (ascii(bytes, 0, 5) === '%PDF-') return MEDIA_TYPES.pdf;
  if (ascii(bytes, 0, 4) !== 'PK\u0003\u0004') return undefined;
  if (ascii(bytes, 30, 8) === 'mimetype' && ascii(bytes, 38, MEDIA_TYPES.odt.length) === MEDIA_TYPES.odt) return MEDIA_TYPES.odt;
  const head = ascii(bytes, 0, Math.min(bytes.length, 64 * 1024));
  if (head.includes('[Content_Types].xml') && head.includes('word/')) return MEDIA_TYPES.docx;
  return undefined;
}

/** A file name safe to store and to send back in a header: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"')
    .join('')
    .trim()
    .slice(-200);
  return clean || 'document';
}

/** Why a file cannot be stored, or undefined when it can. */
export function documentProblem(bytes: Uint8Array | undefined): { problem: LocalizedText } | { mediaType: DocumentMediaType } {
  if (!bytes || bytes.byteLength === 0) return { problem: { nl: 'Kies een bestand.', en: 'Choose a file.' } };
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) return { problem: { nl: 'Het bestand is groter dan 10 MB.', en: 'The file is larger than 10 MB.' } };
  const mediaType = detectMediaType(bytes);
  if (!mediaType) return { problem: { nl: 'Alleen PDF, ODT of DOCX.', en: 'PDF, ODT or DOCX only.' } };
  return { mediaType };
}
