import type { NameSpan, NameType } from './names';

/**
 * Titles, honorifics and job descriptions that precede a person's name in news copy. They are not part of
 * the name (`President Joe Biden` → `Joe Biden`). Longest alternatives first so that
 * `Secretary of State` wins over `Secretary`.
 */
const TITLE =
  /^(?:(?:the|former|then|acting|deputy|vice|interim|chief|senior|top|foreign|prime|state|press|defen[cs]e|interior|finance|health|economy|trade|energy|security|secretary|general|national|federal|grand|supreme|crown|first|lady)\s+)*(?:presidents?|president-elect|prime minister|ministers?|secretary of state|secretary-general|secretary general|secretary|chancellor|senators?|sen\.|rep\.|representative|congress(?:wo)?man|governor|gov\.|mayor|king|queen|prince|princess|pope|emperor|sheikh|general|gen\.|colonel|col\.|admiral|adm\.|captain|capt\.|sergeant|sgt\.|lt\.|lieutenant|major|judge|justice|chief|dr\.?|mr\.?|mrs\.?|ms\.?|miss|mx\.?|sir|dame|lord|lady|rev\.?|reverend|father|ambassador|commissioner|director|chairman|chairwoman|chairperson|chair|ceo|speaker|leader|spokes(?:man|woman|person)|adviser|advisor|aide|envoy|officials?|correspondent|reporter|writer|analyst|dictator|premier|president|ayatollah|patriarch|archbishop|bishop|cardinal)\s+/i;

/** A capitalised descriptor before a title (`Russian President …`, `US Secretary of State …`, `White House press secretary …`). */
const DESCRIPTOR = /^(?:[A-Z][\w’'.-]*\s+){1,4}?(?=(?:the\s+)?(?:[a-z-]+\s+)*(?:president|prime minister|minister|secretary|chancellor|spokes\w+|adviser|advisor|ambassador|envoy|leader|official|correspondent|press secretary|general|director|chief|governor|senator)\b)/i;

const CALENDAR = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)$/i;

/** Punctuation and dashes that compromise or a tagger may leave at a span's edges. */
const EDGE_PUNCT_START = /^[\s"“”‘’'([«»–—,:;.-]+/;
const EDGE_PUNCT_END = /[\s"“”‘([«»–—,:;!?)\]-]+$/;

/** Well-known buildings and places that stand for institutions in news text. */
const METONYMS = new Map<string, NameType>([
  ['kremlin', 'ORG'], ['white house', 'ORG'], ['pentagon', 'ORG'], ['downing street', 'ORG'], ['elysee', 'ORG'],
  ['élysée', 'ORG'], ['elysee palace', 'ORG'], ['capitol hill', 'ORG'], ['whitehall', 'ORG'], ['blue house', 'ORG'],
  ['state department', 'ORG'], ['foreign office', 'ORG'], ['congress', 'ORG'], ['senate', 'ORG'], ['duma', 'ORG'],
  ['state duma', 'ORG'], ['bundestag', 'ORG'], ['knesset', 'ORG'], ['wall street', 'ORG'], ['vatican', 'ORG'],
  ['zhongnanhai', 'ORG'], ['quai d’orsay', 'ORG'], ['number 10', 'ORG'],
]);

/** Last words that make a name an organisation. */
const ORG_HEAD =
  /\b(department|ministry|council|committee|commission|agency|institute|institution|university|college|school|party|organi[sz]ation|bank|fund|group|command|corporation|corp\.?|inc\.?|ltd\.?|llc|plc|association|alliance|network|news|times|post|journal|press|service|services|forces|army|navy|air force|court|office|administration|foundation|center|centre|company|club|board|authority|bureau|parliament|assembly|congress|senate|cabinet|government|police|guard|brigade|battalion|regiment|division|fleet|airlines?|airways|motors|media|broadcasting|television|radio|tv|magazine|gazette|herald|tribune|telegraph|guardian|observer|reuters|bloomberg|dialogue|summit|conference|forum|treaty)$/i;

/** Prepositions after which a capitalised name is a place. */
const PLACE_PREPOSITION = /\b(in|near|across|throughout|outside|inside|around|towards?|into|via)\s+(?:the\s+)?$/i;

/** The metonyms as they are written, for finding them in text. */
export const METONYM_NAMES = ['Kremlin', 'White House', 'Pentagon', 'Downing Street', 'Elysee', 'Élysée', 'Elysee Palace', 'Capitol Hill', 'Whitehall', 'Blue House', 'State Department', 'Foreign Office', 'Congress', 'Senate', 'Duma', 'State Duma', 'Bundestag', 'Knesset', 'Wall Street', 'Vatican', 'Zhongnanhai'];

export function metonymType(name: string): NameType | undefined {
  return METONYMS.get(name.toLowerCase().replace(/^the\s+/, ''));
}

export function hasOrgHead(name: string): boolean {
  return ORG_HEAD.test(name) && /\s/.test(name.trim());
}

/**
 * Trims a raw name span to the name itself: edge punctuation, a leading `the`, titles and descriptors
 * before a person's name, possessive `’s`. Returns null when nothing name-like is left.
 */
export function trimName(text: string, span: NameSpan): NameSpan | null {
  let { start, end } = span;
  const cut = (re: RegExp, fromStart: boolean) => {
    const s = text.slice(start, end);
    const m = re.exec(s);
    if (!m || m[0].length === 0) return false;
    if (fromStart && m.index === 0) start += m[0].length;
    else if (!fromStart) end -= m[0].length;
    else return false;
    return true;
  };
  cut(EDGE_PUNCT_START, true);
  // Possessive and trailing punctuation (keep the dot of `U.S.` and other abbreviations).
  for (let guard = 0; guard < 4; guard++) {
    const s = text.slice(start, end);
    if (/['’]s$/.test(s)) end -= 2;
    else if (/s['’]$/.test(s)) end -= 1;
    else if (/\.$/.test(s) && !/(^|[\s.])[A-Za-z]\.$/.test(s) && !/\b(?:[A-Z]\.){2,}$/.test(s) && !/\b(Del|Jr|Sr|Inc|Corp|Ltd|Co|St|Calif|Wash|Mass|Va|Pa)\.$/.test(s)) end -= 1;
    else if (!cut(EDGE_PUNCT_END, false)) break;
  }
  if (/^the\s/i.test(text.slice(start, end))) start += 4;
  // An honorific makes any span a person (`Mr Biden` tagged as an organisation is still Mr Biden).
  let type = span.type;
  const honorific = /^(?:mr|mrs|ms|mx|dr|sir|dame|lord|lady)\.?\s+(?=\p{Lu})/iu.exec(text.slice(start, end));
  if (honorific) {
    type = 'PERSON';
    start += honorific[0].length;
  }
  // A photo credit's `Photo` is not part of the agency's name (`AP Photo`, `Reuters Photo`).
  if (type === 'ORG' && /\s+Photos?$/.test(text.slice(start, end))) end = start + text.slice(start, end).replace(/\s+Photos?$/, '').length;
  if (type === 'PERSON') {
    for (let guard = 0; guard < 4; guard++) {
      if (!(cut(DESCRIPTOR, true) || cut(TITLE, true))) break;
    }
  }
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  const s = text.slice(start, end);
  // A title alone (`President`) or a calendar word (`Wednesday`) is not a name.
  if (TITLE.test(s + ' ') && !/\s/.test(s.trim())) return null;
  if (CALENDAR.test(s)) return null;
  if (!/[A-Za-z\u00C0-\u024F\u0400-\u04FF]/.test(s) || !/^[A-Z\u00C0-\u00DE\u0400-\u042F0-9]/.test(s)) return null;
  return { start, end, type };
}

/**
 * Types a name from what it is and where it stands: metonyms and organisation head words win;
 * a name after `in`/`near` is a place unless it is an organisation or an acronym.
 */
export function typeFromContext(text: string, span: NameSpan): NameType {
  const name = text.slice(span.start, span.end);
  const known = metonymType(name);
  if (known) return known;
  if (hasOrgHead(name)) return 'ORG';
  if (span.type === 'PERSON' && !/\s/.test(name) && !/^[A-Z.]+$/.test(name)) {
    const before = text.slice(Math.max(0, span.start - 20), span.start);
    if (PLACE_PREPOSITION.test(before)) return 'PLACE';
  }
  return span.type;
}
