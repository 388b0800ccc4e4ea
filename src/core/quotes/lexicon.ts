/**
 * The one hand-written word list of attribution: verbs that attribute speech and the heads of descriptions that
 * speak (`a senior official`, `the government`). The hand rules (rules.ts) and the trained chooser (candidates.ts)
 * read the same lists; the trained model adds the cue verbs its data uses (models/speaker-polnear.json `cues`).
 */

/** Verbs and phrases that attribute speech, by hand. */
export const HAND_CUES: readonly string[] = (
  'said|says|say|told|tells|tell|added|adds|stated|states|noted|notes|warned|warns|insisted|insists|insist|explained|explains|asked|asks|' +
  'replied|replies|answered|wrote|writes|declared|announced|argued|argues|claimed|claims|reiterated|emphasized|emphasised|stressed|' +
  'described|urged|promised|threatened|threaten|threatens|confirmed|denied|admitted|recalled|recalls|responded|remarked|commented|acknowledged|tweeted|posted|' +
  'continued|concluded|cautioned|suggested|vowed|pledged|predicted|assured|complained|demanded|called|believes|believed|expressed|' +
  'mentioned|observed|conceded|boasted|quipped|shouted|whispered|testified|briefed|spoke|speaks|accuses|accused|accuse|rejected|rejects|' +
  'asserted|asserts|assert|implored|fumed|joked|blurted|saying|telling|pointed out|made clear|makes clear'
).split('|');

/** A regular-expression alternation of the hand cues (longest first, so `made clear` wins over `made`). */
export const CUE_ALTERNATION = [...HAND_CUES].sort((a, b) => b.length - a.length).join('|');

/** Heads of descriptions of people and groups that speak when no name is given. */
export const ROLE_HEADS =
  'officials?|spokes(?:man|woman|person|people)|representatives?|adviser|advisor|aides?|diplomats?|sources?|ministers?|secretary|analysts?|experts?|' +
  'correspondent|leaders?|presidents?|government|administration|authorities|kremlin|ministry|department|officers?|commander|ambassador|envoy|' +
  'senator|lawmakers?|negotiators?|observers?|campaign|committee|statement|report|police|prosecutors?|critics?|supporters?|voters?|residents?|' +
  'witnesses|protesters?|agency|court|ruling|article|letter|memo';

/** Words that cannot stand inside a description before its head (`a move that Russian officials` is not one role). */
const NOT_MODIFIER = '(?:that|which|who|whom|and|or|of|to|in|on|at|for|with|by|from|as|is|was|were|are|be|has|have|had|not)';

/** A determiner, up to four modifiers and a role head: `a senior Biden administration official`, `the government`. */
export const roleRegExp = () => new RegExp(`\\b(?:an?|the|one|another|two|several|some|other)\\s+(?:(?!${NOT_MODIFIER}\\b)[A-Za-z’'-]+\\s+){0,4}(?:${ROLE_HEADS})\\b`, 'gi');

/** Plural roles speak without a determiner (`officials said`, `authorities described`). */
export const bareRoleRegExp = () => /\b(?:[A-Z][\w’'-]+\s+)?(?:officials|authorities|sources|diplomats|analysts|experts|lawmakers|observers|critics|protesters|supporters|voters|residents|prosecutors|police)\b/g;
