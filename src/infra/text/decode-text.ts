export type TextEncoding = 'utf-8' | 'windows-1252';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const windows1252 = new TextDecoder('windows-1252');

/**
 * Where the bytes stop being UTF-8 (the index of the first byte that starts no valid sequence), and
 * whether they hold a valid multi-byte sequence before or after it: UTF-8 text with a stray byte
 * has them, Windows-1252 text as good as never (its accented letters are single bytes).
 */
function utf8Shape(bytes: Uint8Array): { firstInvalid: number; multiByte: boolean } {
  let firstInvalid = -1;
  let multiByte = false;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = n > 0;
    for (let k = 1; ok && k <= n; k++) ok = i + k < bytes.length && (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      multiByte = true;
      i += n + 1;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      i++;
    }
  }
  return { firstInvalid, multiByte };
}

/**
 * Bytes as text: UTF-8, or — when `legacy` allows it and they are not UTF-8 — Windows-1252, where
 * every byte is a character. UTF-8 text with a stray byte is not taken for Windows-1252 (that would
 * garble every accented letter around it): `notUtf8At` gives where it stops being UTF-8.
 */
export function decodeUtf8OrWindows1252(bytes: Uint8Array, legacy: boolean): { text: string; encoding: TextEncoding } | { notUtf8At: number } {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    const shape = utf8Shape(bytes);
    if (!legacy || shape.multiByte) return { notUtf8At: Math.max(0, shape.firstInvalid) };
    return { text: windows1252.decode(bytes), encoding: 'windows-1252' };
  }
}
