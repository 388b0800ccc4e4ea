/**
 * schema.org ClaimReview (JSON-LD): the markup fact-check aggregators and search tools read, one review for each
 * claim that has a verdict. Pure TypeScript (no fs, no vscode).
 */
import type { Claim } from '../contract';
import { findArticleDate } from '../entities/dates';
import type { Annotation } from '../sidecar/model';
import type { ExportArticle, Report } from './common';

/** The default verdict scale, best first; `Unproven` stands outside it (a verdict with no place on the scale). */
export const DEFAULT_VERDICTS: readonly string[] = ['True', 'Mostly true', 'Half true', 'Mostly false', 'False'];
export const OUTSIDE_SCALE: readonly string[] = ['Unproven'];

/** What the export knows of an article beyond its text: how a reader finds it. */
export interface ClaimReviewArticle extends ExportArticle {
  /** The article's headline (default: its first line, without Markdown marks). */
  title?: string;
  /** Where the article is published, when known. */
  url?: string;
  /** When the article was published (ISO date), when known. */
  datePublished?: string;
  /** The analysis' claims of this article: the claim's source (who made it) comes from there. */
  claims?: readonly Claim[];
}

export interface ClaimReviewOptions {
  /** The fact-checking organisation publishing the reviews (ClaimReview.author). */
  publisher: string;
  /** The URL of each review; `{id}` is replaced by the annotation's id (URL-encoded). */
  urlTemplate: string;
  /** The verdict scale, best first (default DEFAULT_VERDICTS). A verdict outside it gets no rating value. */
  scale?: readonly string[];
  report?: Report;
}

export interface ClaimReview {
  '@type': 'ClaimReview';
  claimReviewed: string;
  reviewRating: { '@type': 'Rating'; alternateName: string; ratingValue?: number; bestRating?: number; worstRating?: number };
  itemReviewed: {
    '@type': 'Claim';
    appearance: { '@type': 'CreativeWork'; name: string; url?: string }[];
    author?: { '@type': 'Person' | 'Organization'; name: string };
    datePublished?: string;
  };
  author: { '@type': 'Organization'; name: string };
  datePublished: string;
  url: string;
  reviewBody?: string;
}

/** The first line of an article, as a reader sees it: the headline. */
export function headline(text: string): string {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !/^-{3,}$/.test(l)) ?? '';
  return line.replace(/^#+\s*/, '').replace(/[*_`]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim();
}

/** An article as the ClaimReview export needs it, from what the editor and the CLI hold: text, annotations, analysis. */
export function claimReviewArticle(path: string, text: string, annotations: readonly Annotation[], claims: readonly Claim[]): ClaimReviewArticle {
  const date = findArticleDate(text);
  return { path, text, annotations, claims, title: headline(text) || path, ...(date ? { datePublished: date.toISOString().slice(0, 10) } : {}) };
}

/** Why a ClaimReview export cannot be written with these settings, or null when it can. */
export function claimReviewSettingsProblem(publisher: string | undefined, urlTemplate: string | undefined): string | null {
  if (!publisher?.trim()) return 'a publisher is needed: the fact-checking organisation named as the author of each review';
  if (!urlTemplate?.trim()) return 'a review URL template is needed, e.g. https://checks.example/review/{id}';
  if (!urlTemplate.includes('{id}')) return 'the review URL template must hold {id}, so that each review gets its own URL';
  if (!/^https?:\/\//.test(urlTemplate.trim())) return 'the review URL template must be an http(s) URL';
  return null;
}

/** The rating of a verdict: its place on the scale counted from the worst (1) up to the best (the scale's length). */
export function rating(verdict: string, scale: readonly string[]): ClaimReview['reviewRating'] {
  const i = scale.findIndex((v) => v.toLowerCase() === verdict.toLowerCase());
  if (i < 0) return { '@type': 'Rating', alternateName: verdict };
  return { '@type': 'Rating', alternateName: scale[i], ratingValue: scale.length - i, bestRating: scale.length, worstRating: 1 };
}

/** Whether an annotation is a rated claim that a review can be written for. */
export function isRatedClaim(a: Annotation): boolean {
  return a.kind === 'claim' && !!a.verdict && a.status !== 'rejected' && !a.orphaned;
}

/** People's names have two or more capitalised words and no organisation head word; the rest are organisations. */
const ORG_WORDS = /\b(House|Ministry|Department|Office|Kremlin|Pentagon|Council|Agency|Committee|Government|Administration|Party|Reuters|Press|News|Times|Post|Service|Commission|Bureau|Embassy|Army|Navy|Police)\b/;
function claimAuthor(name: string): { '@type': 'Person' | 'Organization'; name: string } {
  const person = /^(\p{Lu}[\p{L}’'.-]+\s+){1,3}\p{Lu}[\p{L}’'.-]+$/u.test(name) && !ORG_WORDS.test(name);
  return { '@type': person ? 'Person' : 'Organization', name };
}

/** One ClaimReview for each rated claim of the articles, as a JSON-LD document. */
export function exportClaimReview(articles: readonly ClaimReviewArticle[], options: ClaimReviewOptions): string {
  const scale = options.scale?.length ? options.scale : DEFAULT_VERDICTS;
  const reviews: ClaimReview[] = [];
  for (const article of articles) {
    for (const a of article.annotations) {
      if (a.kind !== 'claim' || !a.verdict) continue;
      if (!isRatedClaim(a)) {
        options.report?.({ path: article.path, id: a.id, message: `claim ${a.id} is ${a.orphaned ? 'orphaned' : 'rejected'}: no review written` });
        continue;
      }
      const claim = article.claims?.find((c) => c.start === a.target.start && c.end === a.target.end);
      const source = claim?.source ?? undefined;
      const review: ClaimReview = {
        '@type': 'ClaimReview',
        claimReviewed: a.target.exact.replace(/\s+/g, ' ').trim(),
        reviewRating: rating(a.verdict, scale),
        itemReviewed: {
          '@type': 'Claim',
          appearance: [{ '@type': 'CreativeWork', name: article.title ?? (headline(article.text) || article.path), ...(article.url ? { url: article.url } : {}) }],
          ...(source ? { author: claimAuthor(source) } : {}),
          ...(article.datePublished ? { datePublished: article.datePublished } : {}),
        },
        author: { '@type': 'Organization', name: options.publisher },
        datePublished: a.modified.slice(0, 10),
        url: options.urlTemplate.split('{id}').join(encodeURIComponent(a.id)),
        ...(a.note ? { reviewBody: a.note } : {}),
      };
      reviews.push(review);
    }
  }
  const doc = { '@context': 'https://schema.org', '@graph': reviews };
  return JSON.stringify(doc, null, 2) + '\n';
}
