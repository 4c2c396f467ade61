import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { checkThemeContrast } from '../../domain/branding/contrast.ts';
import { checkLogo } from '../../domain/branding/logo.ts';
import type { ThemeColours } from '../../domain/branding/theme.ts';
import { putTheme } from '../../db/repositories/organisation-themes.ts';
import type { AppDeps } from '../context.ts';

type Rgb = [number, number, number];

/**
 * A small PNG drawn here (a roof and a house on a coloured tile), so the demo shows a logo without
 * shipping image files. `shape(x, y)` says which pixels take the foreground colour.
 */
function demoLogo(width: number, height: number, bg: Rgb, fg: Rgb, shape: (x: number, y: number) => boolean): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    td.copy(out, 4);
    out.writeUInt32BE(crc32(td), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) raw.set(shape(x, y) ? fg : bg, y * (1 + width * 3) + 1 + x * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const house = (x: number, y: number) => {
  const cx = 24;
  const roof = y >= 8 && y < 24 && Math.abs(x - cx) <= y - 8;
  const walls = y >= 24 && y < 42 && x >= 12 && x <= 36 && !(x >= 21 && x <= 27 && y >= 30);
  return roof || walls;
};
/** Three diagonal crosses in a column: a demo emblem, not any municipality's arms. */
const crosses = (x: number, y: number) => {
  const row = Math.floor(y / 16);
  const ly = y - row * 16 - 2;
  const lx = x - 16;
  return row < 3 && ly >= 0 && ly < 12 && lx >= 0 && lx < 12 && (Math.abs(lx - ly) <= 1 || Math.abs(lx - (11 - ly)) <= 1);
};

interface DemoTheme {
  organisationId: string;
  displayName: string | null;
  colours: ThemeColours;
  logo: Buffer;
}

/** Two demo organisations with a look of their own (a municipality and a creditor); all others are neutral. */
const DEMO_THEMES: DemoTheme[] = [
  {
    organisationId: 'GM0363',
    displayName: null,
    colours: { primary: '#b00000', primaryText: '#ffffff', headerBackground: '#1d1d1b', headerText: '#ffffff', footerBackground: '#b00000', footerText: '#ffffff' },
    logo: demoLogo(44, 48, [29, 29, 27], [255, 255, 255], crosses),
  },
  {
    organisationId: 'demo-woningcorporatie',
    displayName: 'Demo Woningcorporatie — huurincasso',
    colours: { primary: '#2e6b30', primaryText: '#ffffff', headerBackground: '#e6f2e6', headerText: '#173618', footerBackground: '#173618', footerText: '#ffffff' },
    logo: demoLogo(48, 48, [46, 107, 48], [255, 255, 255], house),
  },
];

/** Stores the demo themes, held to the checks an admin's theme meets. */
export async function seedDemoThemes(deps: AppDeps, organisationIds: ReadonlySet<string>): Promise<void> {
  for (const t of DEMO_THEMES) {
    if (!organisationIds.has(t.organisationId)) continue;
    const issues = checkThemeContrast(t.colours);
    const logo = checkLogo(t.logo);
    if (issues.length || !logo.logo) throw new Error(`demo theme of ${t.organisationId} fails its checks: ${[...issues.map((i) => i.message.en), logo.problem?.en].filter(Boolean).join(' ')}`);
    await putTheme(deps.db, t.organisationId, { displayName: t.displayName, colours: t.colours, logo: { bytes: t.logo, ...logo.logo, sha256: createHash('sha256').update(t.logo).digest('hex') } }, null, deps.now());
  }
}
