import { imageSize } from 'image-size';
import type { LocalizedText } from '../i18n/index.ts';

/** Small enough to send with every page's header, large enough for a sharp logo at twice the size shown. */
export const MAX_LOGO_BYTES = 200 * 1024;
const LOGO_LIMITS = { minWidth: 16, minHeight: 16, maxWidth: 1200, maxHeight: 600 } as const;

export type LogoType = 'image/png' | 'image/jpeg';

export interface CheckedLogo {
  type: LogoType;
  width: number;
  height: number;
}

/**
 * Checks an uploaded logo by its content, never by its name or declared type: PNG or JPEG only
 * (an SVG can carry script), at most MAX_LOGO_BYTES, its dimensions read from the file and within
 * LOGO_LIMITS. image-size reads only the header of the file; nothing is decoded or run.
 */
export function checkLogo(bytes: Uint8Array): { logo: CheckedLogo; problem?: undefined } | { logo?: undefined; problem: LocalizedText } {
  if (bytes.byteLength > MAX_LOGO_BYTES)
    return { problem: { nl: `Het logo is groter dan ${MAX_LOGO_BYTES / 1024} kB.`, en: `The logo is larger than ${MAX_LOGO_BYTES / 1024} kB.` } };
  const notAnImage: LocalizedText = { nl: 'Het logo moet een PNG- of JPEG-afbeelding zijn (geen SVG of ander bestand).', en: 'The logo must be a PNG or JPEG image (no SVG or other file).' };
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return { problem: notAnImage };
  }
  const type: LogoType | undefined = size.type === 'png' ? 'image/png' : size.type === 'jpg' ? 'image/jpeg' : undefined;
  if (!type || !isSignature(bytes, type)) return { problem: notAnImage };
  const { width, height } = size;
  const l = LOGO_LIMITS;
  if (!(width >= l.minWidth && height >= l.minHeight && width <= l.maxWidth && height <= l.maxHeight))
    return {
      problem: {
        nl: `Het logo is ${width} × ${height} pixels; toegestaan is van ${l.minWidth} × ${l.minHeight} tot ${l.maxWidth} × ${l.maxHeight} pixels.`,
        en: `The logo is ${width} × ${height} pixels; allowed is from ${l.minWidth} × ${l.minHeight} to ${l.maxWidth} × ${l.maxHeight} pixels.`,
      },
    };
  return { logo: { type, width, height } };
}

/** The file's own first bytes, besides image-size's guess: a browser sniffs those, so they must agree. */
function isSignature(b: Uint8Array, type: LogoType): boolean {
  if (type === 'image/png') return [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x);
  return b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}
