import type { Locale } from '../i18n/index.ts';

/** A mail's body as blocks: the text and the HTML version are written from the same blocks, so they say the same. */
export type MailBlock = { paragraph: string } | { action: string; href: string };

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * Plain text (the link on a line of its own, so every client makes it clickable) and simple HTML
 * (no images, no external styles: many organisations' mail filters block them).
 */
export function composeMail(locale: Locale, subject: string, blocks: readonly MailBlock[]): ComposedMail {
  const text = blocks.map((b) => ('paragraph' in b ? b.paragraph : `${b.action}:\n${b.href}`)).join('\n\n') + '\n';
  const body = blocks
    .map((b) =>
      'paragraph' in b
        ? `<p>${escapeHtml(b.paragraph).replace(/\n/g, '<br>')}</p>`
        : `<p><a href="${escapeHtml(b.href)}">${escapeHtml(b.action)}</a></p>\n<p style="word-break:break-all">${escapeHtml(b.href)}</p>`,
    )
    .join('\n');
  const html = `<!doctype html>\n<html lang="${locale}">\n<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body style="font-family:sans-serif;font-size:16px;line-height:1.5">\n${body}\n</body>\n</html>\n`;
  return { subject, text, html };
}
