import type { ArticleDocument, Span } from './document';
import { splitCount } from './text/words';

export interface BoilerplateZone extends Span {
  reason: 'navigation' | 'photo-credit' | 'byline' | 'markup' | 'label';
}

/**
 * Page furniture that scrapers leave in article text: link prompts, comment forms, navigation.
 * Matched against a whole short block (case-insensitive), so a sentence that merely contains
 * "read more" is not caught.
 */
const NAVIGATION_BLOCK =
  /^(read (also|more|next)|see also|also read|related( articles| stories| content| posts)?|more (stories|from|on this)|recommended|trending|most read|popular|leave a (comment|reply)|comments?|\d+ comments?|reply|share( this( article| story)?)?|share on \w+|tweet|print|email|back to top( button)?|exit mobile version|skip to (main )?content|advertisement|sponsored( content)?|subscribe( now)?|sign up|newsletter|follow us|click here|loading|cancel reply|post comment|next article|previous article|continue reading|show comments|view comments)[.:!]?$/i;

/** A block that begins like a link to another story. */
const NAVIGATION_PREFIX = /^(see also|read also|read more|also read|related|recommended|watch|listen)\s*[:|\u00a0–-]/i;

const FORM_TEXT =
  /(your email address will not be published|required fields are marked|all rights reserved|copyright ©|©\s*\d{4}|you can find more stories|cookie(s)? (policy|settings)|privacy policy|terms of (use|service)|this material may not be published)/i;

/** Photo credits and captions. */
const PHOTO =
  /(\bAP Photo\b|\(AP\)\s*$|\bvia AP\b|\bGetty Images\b|\bReuters\/|\/\s*Reuters\b|\bAFP\/|\/\s*AFP\b|\bPhoto(graph)?:|\bImage:|\bPhoto by\b|\bIn this (image|photo)\b|\bFile photo\b|\bShutterstock\b|\bEPA\b.*\/|\bPool Photo\b)/i;

/** Author lines and biographies. */
const BYLINE =
  /(^by\s+[A-Z][\w’'.-]+(\s+[A-Z][\w’'.-]+){0,3}\s*(,|$|\|)|\breported from\b|\bcontributed (reporting )?to this (report|story|article)\b|\bget in touch with me\b|\bis an? ([\w.]+ ){0,4}(reporter|correspondent|writer|editor|journalist|columnist)\b|^languages?:|\bfollow (him|her|them) on\b|\bjoined [A-Z][\w.]* in \d{4}\b)/i;

/** Stray HTML tags, WordPress-style shortcodes and template placeholders. */
const MARKUP = /<\/?[a-zA-Z][^<>\n]{0,300}>|\[\/?[a-z][\w-]*(\s+[\w-]+\s*=\s*["“”'][^\]\n]{0,200})?\]|\{\{[^}\n]{0,200}\}\}|&[a-z]+;|&#\d+;/g;

/**
 * Finds the boilerplate zones of an article: whole blocks (navigation, forms, photo credits, bylines,
 * short labels) and inline markup spans. No claims come from these zones; quotes are not looked for
 * inside markup. Names in captions and bylines are still names, so entities are kept there.
 */
export function findBoilerplate(doc: ArticleDocument): BoilerplateZone[] {
  const zones: BoilerplateZone[] = [];
  const { text } = doc;
  doc.blocks.forEach((b, i) => {
    const s = text.slice(b.start, b.end).trim();
    let reason: BoilerplateZone['reason'] | null = null;
    if ((splitCount(s, 8) <= 8 && NAVIGATION_BLOCK.test(s.replace(/\s+/g, ' '))) || NAVIGATION_PREFIX.test(s)) reason = 'navigation';
    else if (FORM_TEXT.test(s)) reason = 'navigation';
    else if (PHOTO.test(s)) reason = 'photo-credit';
    else if (BYLINE.test(s)) reason = 'byline';
    else if (i > 0 && isLabel(s)) reason = 'label';
    if (reason) zones.push({ start: b.start, end: b.end, reason });
  });
  MARKUP.lastIndex = 0;
  for (let m = MARKUP.exec(text); m; m = MARKUP.exec(text)) {
    zones.push({ start: m.index, end: m.index + m[0].length, reason: 'markup' });
  }
  return mergeZones(zones);
}

/**
 * A short block with no sentence punctuation and no lower-case word: an image label (`Biden Putin`),
 * an author name, a tag list. Headlines have lower-case words and are kept.
 */
function isLabel(s: string): boolean {
  if (/[.!?:;"“”]$/.test(s)) return false;
  // At most 5 pieces: a fifth word already rules it out, and a long block is not split whole.
  const words = s.split(/\s+/, 5);
  if (words.length > 4) return false;
  return words.every((w) => !/^[a-z]/.test(w));
}

function mergeZones(zones: BoilerplateZone[]): BoilerplateZone[] {
  zones.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: BoilerplateZone[] = [];
  for (const z of zones) {
    const last = out[out.length - 1];
    if (last && z.start < last.end) {
      last.end = Math.max(last.end, z.end);
      continue;
    }
    out.push({ ...z });
  }
  return out;
}

/** Whether [start, end) overlaps any zone (zones sorted by start). */
export function inZones(zones: readonly Span[], start: number, end: number): boolean {
  // Zones are sorted and do not overlap: find the last zone starting before `end` by binary search.
  let lo = 0;
  let hi = zones.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (zones[mid].start < end) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && zones[lo - 1].end > start;
}
