// Highlights stay readable in every kind of theme: the editor's text over each highlight background (composited over
// the editor background, as VS Code draws it) has a contrast ratio of at least 4.5:1 (WCAG 2.x, normal text), for
// the default themes of the four theme kinds; the borders and underlines that mark a highlight stand out from the
// editor background by at least 3:1 (WCAG 1.4.11, non-text contrast). Colours: package.json contributes.colors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

type Kind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';
/** editor.background / editor.foreground of VS Code's default themes of each kind (VS Code 1.139 theme-defaults). */
export const DEFAULT_THEMES: Record<Kind, { name: string; background: string; foreground: string }[]> = {
  dark: [
    { name: 'Dark 2026', background: '#121314', foreground: '#BBBEBF' },
    { name: 'Dark Modern', background: '#1F1F1F', foreground: '#CCCCCC' },
    { name: 'Dark+ / Visual Studio Dark', background: '#1E1E1E', foreground: '#D4D4D4' },
  ],
  light: [
    { name: 'Light 2026', background: '#FFFFFF', foreground: '#202020' },
    { name: 'Light Modern', background: '#FFFFFF', foreground: '#3B3B3B' },
    { name: 'Light+ / Visual Studio Light', background: '#FFFFFF', foreground: '#000000' },
  ],
  highContrast: [{ name: 'Default High Contrast', background: '#000000', foreground: '#FFFFFF' }],
  highContrastLight: [{ name: 'Default High Contrast Light', background: '#FFFFFF', foreground: '#292929' }],
};

type RGBA = [number, number, number, number];
function parse(hex: string): RGBA {
  const m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(hex);
  if (!m) throw new Error(`not a #RRGGBB[AA] colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, m[2] ? parseInt(m[2], 16) / 255 : 1];
}
/** `top` drawn over the opaque `bottom`. */
function over(top: RGBA, bottom: RGBA): RGBA {
  const a = top[3];
  return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
}
function luminance([r, g, b]: RGBA): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
export function contrast(a: RGBA, b: RGBA): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

const colours = pkg.contributes.colors as { id: string; defaults: Record<Kind, string | null> }[];
const KINDS: Kind[] = ['light', 'dark', 'highContrast', 'highContrastLight'];

test('the contrast formula gives the known ratios', () => {
  assert.equal(contrast(parse('#000000'), parse('#FFFFFF')).toFixed(1), '21.0');
  assert.equal(contrast(parse('#767676'), parse('#FFFFFF')).toFixed(2), '4.54');
});

test('every highlight colour has a real value for light, dark, high-contrast and high-contrast-light themes', () => {
  assert.ok(colours.length >= 12);
  for (const c of colours) {
    for (const k of KINDS) assert.ok(typeof c.defaults[k] === 'string' && parse(c.defaults[k]!), `${c.id} has no ${k} colour`);
  }
});

test('text over each highlight background keeps at least 4.5:1 in the default themes of each kind', () => {
  const rows: string[] = [];
  const failures: string[] = [];
  for (const c of colours.filter((x) => x.id.endsWith('.background'))) {
    for (const k of KINDS) {
      for (const theme of DEFAULT_THEMES[k]) {
        const bg = over(parse(c.defaults[k]!), parse(theme.background));
        const ratio = contrast(parse(theme.foreground), bg);
        rows.push(`${c.id} ${theme.name}: ${ratio.toFixed(2)}`);
        if (ratio < 4.5) failures.push(`${c.id} in ${theme.name}: ${ratio.toFixed(2)}:1`);
      }
    }
  }
  assert.deepEqual(failures, [], `text contrast under 4.5:1:\n${rows.join('\n')}`);
});

test('highlight borders and underlines stand out from the editor background by at least 3:1', () => {
  const failures: string[] = [];
  for (const c of colours.filter((x) => x.id.endsWith('.border'))) {
    for (const k of KINDS) {
      for (const theme of DEFAULT_THEMES[k]) {
        const ratio = contrast(over(parse(c.defaults[k]!), parse(theme.background)), parse(theme.background));
        if (ratio < 3) failures.push(`${c.id} in ${theme.name}: ${ratio.toFixed(2)}:1`);
      }
    }
  }
  assert.deepEqual(failures, []);
});
