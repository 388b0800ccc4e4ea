/**
 * The per-stage profile of the analysis: the stage functions that src/core/analyze.ts chains, called in
 * its order on the same articles, each timed (wall and CPU) and summed over the corpus. Where the
 * throughput goes, without editing or instrumenting the analysis itself. The glue of analyze.ts
 * (markup blanking, result assembly, entity counts) is not timed here: it is the gap between the sum
 * of the stages and a whole analyzeArticles() run. It runs in a fresh process (this bench again with
 * --stage-profile-child FILE), so that the tagger's word caches and the JIT are as cold as in the
 * analysis run it explains, not warmed by it.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeArticles } from '../../src/core';
import { loadRecogniser } from '../../src/node/recogniser';
import type { DocumentResult, EntityMention } from '../../src/core/contract';
import { cutAtMarkup, parseArticle, type ArticleDocument } from '../../src/core/document';
import { findBoilerplate, type BoilerplateZone } from '../../src/core/boilerplate';
import { findArticleDate, folderNames, linkMentions, mentionsIn, noCorrections, recogniseNames, type DocumentEntities, type NameRecogniser, type NameSpan } from '../../src/core/entities';
import { findQuotes } from '../../src/core/quotes/scan';
import { attributeQuotes } from '../../src/core/quotes/attribute';
import { findClaims } from '../../src/core/claims/claims';
import { buildFactsSteps } from '../../src/core/claims/facts';
import { guessLanguage, isForeign } from '../../src/core/text/language';
import type { Article } from './corpus';

/** A stage timed inside another (names): shown beside it, not added to the total. */
export const TAGGER = 'names: of which the tagger';

export interface StageTime {
  stage: string;
  /** The source file that holds the stage's function, for whoever owns it. */
  where: string;
  ms: number;
  cpu: number;
}

/** Times every stage of one analysis of `corpus` (one pass; the caller warms up). */
export function profileStages(corpus: readonly Article[], recogniser: NameRecogniser): StageTime[] {
  const times = new Map<string, StageTime>();
  const time = <T>(stage: string, where: string, f: () => T): T => {
    const c = process.cpuUsage();
    const t = performance.now();
    const r = f();
    const ms = performance.now() - t;
    const d = process.cpuUsage(c);
    const s = times.get(stage) ?? { stage, where, ms: 0, cpu: 0 };
    s.ms += ms;
    s.cpu += (d.user + d.system) / 1000;
    times.set(stage, s);
    return r;
  };
  // The tagger's share of recogniseNames (the rest is trimming and typing names from context).
  const tagger: NameRecogniser = { id: recogniser.id, recognise: (text, sentences) => time(TAGGER, 'ner/ (recogniser.recognise)', () => recogniser.recognise(text, sentences)) };
  const corrections = noCorrections();
  const docs: ArticleDocument[] = [];
  const zones: BoilerplateZone[][] = [];
  const names: NameSpan[][] = [];
  const foreign: boolean[] = [];
  for (const a of corpus) {
    const doc = time('parse', 'document/parse.ts parseArticle', () => parseArticle(a.path, a.text));
    docs.push(doc);
    zones.push(time('boilerplate', 'boilerplate.ts findBoilerplate', () => findBoilerplate(doc)));
    const language = time('language', 'text/language.ts guessLanguage', () => guessLanguage(doc.text));
    foreign.push(isForeign(language));
    names.push(foreign[foreign.length - 1] ? [] : time('names', 'entities/index.ts recogniseNames', () => recogniseNames(doc, tagger, doc.hidden)));
  }
  const ownDates = docs.map((doc, d) => time('article dates', 'entities/dates.ts findArticleDate', () => findArticleDate(doc.text, zones[d].filter((z) => z.reason === 'photo-credit'))));
  const folder = time('folder names', 'entities/index.ts folderNames', () => folderNames(docs, names, ownDates, corrections));
  const perDoc: DocumentEntities[] = docs.map((doc, d) => {
    const articleDate = ownDates[d] ?? folder.folderDate;
    const mentions = time('mentions', 'entities/index.ts mentionsIn', () => mentionsIn(doc, names[d], doc.hidden, { start: 0, end: doc.text.length }, folder, articleDate));
    return { mentions, articleDate };
  });
  const clusters = time('linking', 'entities/index.ts linkMentions', () => linkMentions(perDoc, corrections));
  const byId = new Map(clusters.map((c) => [c.id, c]));
  const results: DocumentResult[] = docs.map((doc, d) => {
    const mentions: EntityMention[] = perDoc[d].mentions;
    const spans = time('quotes: find', 'quotes/scan.ts findQuotes', () => findQuotes(doc.text, doc.blocks, doc.hidden));
    const quotes = time('quotes: speakers', 'quotes/attribute.ts attributeQuotes', () => attributeQuotes(doc, spans, mentions, { clusters: byId }));
    const claims = time('claims', 'claims/claims.ts findClaims', () => findClaims(doc, mentions, zones[d]));
    return { path: doc.path, entities: mentions, quotes: cutAtMarkup(doc.source, doc.text, doc.hidden, quotes), claims, boilerplate: zones[d] };
  });
  time('facts', 'claims/facts.ts buildFactsSteps', () => {
    const steps = buildFactsSteps(docs.map((doc, d) => ({ doc, result: results[d], articleDate: perDoc[d].articleDate })));
    while (!steps.next().done);
  });
  return [...times.values()];
}

/** The child's side: the corpus from FILE (JSON), the same one-article warm-up as the throughput run, then the profile as JSON. */
export function stageProfileChild(file: string): void {
  const corpus = JSON.parse(fs.readFileSync(file, 'utf8')) as Article[];
  const recogniser = loadRecogniser();
  analyzeArticles([corpus[0]], { recogniser });
  console.log(JSON.stringify(profileStages(corpus, recogniser)));
}

/** Runs the profile of `corpus` in a fresh process of `script` (the bench); undefined when it fails. */
export function profileStagesInChild(script: string, corpus: readonly Article[], tmp: string): Promise<StageTime[] | undefined> {
  const file = path.join(tmp, 'stage-profile-corpus.json');
  fs.writeFileSync(file, JSON.stringify(corpus));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, '--stage-profile-child', file], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out) as StageTime[]);
      } catch {
        resolve(undefined);
      }
    });
  });
}
