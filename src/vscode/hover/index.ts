import * as vscode from 'vscode';
import type { ArticleStore } from '../store/articles';
import { entityTypeLabel } from '../text/labels';
import { escapeMarkdown } from '../text/markdown';
import { claimAnnotation } from '../verdicts';

/**
 * Hover on an entity: its type in words, canonical name, aliases, where else it appears and what it
 * said; on a quote: speaker and cue; inside a claim: its verdict and a Rate Claim… link. Article text is always
 * escaped (escapeMarkdown), and command links are enabled only for Marginalia's own open and rate commands.
 */
export function activate(context: vscode.ExtensionContext, store: ArticleStore): void {
  const provider: vscode.HoverProvider = {
    provideHover(document, position) {
      const state = store.get(document.uri);
      if (!state || document.getText().length !== state.text.length) return undefined;
      const offset = document.offsetAt(position);
      const md = new vscode.MarkdownString(undefined, true);
      // Links may run only Marginalia's own commands: open an article it knows, or rate a claim (which asks first).
      md.isTrusted = { enabledCommands: ['marginalia.openArticle', 'marginalia.rateClaim'] };
      const mention = state.result.entities.find((e) => e.start <= offset && offset < e.end);
      const quote = state.result.quotes.find((q) => q.start <= offset && offset < q.end);
      const rejected = state.annotations.some((a) => a.status === 'rejected' && mention && a.target.start === mention.start && a.target.end === mention.end);
      if (mention && !rejected) {
        const cluster = store.entities.find((c) => c.id === mention.entityId);
        md.appendMarkdown(`**${entityTypeLabel(mention.type)}**: `);
        md.appendMarkdown(escapeMarkdown(cluster?.name ?? mention.text));
        if (mention.value !== undefined) md.appendMarkdown(escapeMarkdown(` (${mention.value}${mention.unit ? ' ' + mention.unit : ''})`));
        if (cluster?.aliases.length) {
          md.appendMarkdown(`\n\n*${vscode.l10n.t('Also written:')}* `);
          md.appendMarkdown(escapeMarkdown(cluster.aliases.join(', ')));
        }
        if (cluster) {
          md.appendMarkdown(`\n\n*${cluster.documents.length === 1 ? vscode.l10n.t('Mentioned {0} times in 1 article:', cluster.mentions) : vscode.l10n.t('Mentioned {0} times in {1} articles:', cluster.mentions, cluster.documents.length)}*`);
          for (const path of cluster.documents.slice(0, 10)) {
            const n = store.all.find((s) => vscode.workspace.asRelativePath(s.uri) === path);
            const count = n ? n.result.entities.filter((e) => e.entityId === cluster.id).length : 0;
            const args = encodeURIComponent(JSON.stringify([n?.uri.toString() ?? path]));
            md.appendMarkdown(`\n- [`);
            md.appendMarkdown(escapeMarkdown(path));
            md.appendMarkdown(`](command:marginalia.openArticle?${args}) (${count})`);
          }
          const said = store.all.flatMap((s) => s.result.quotes.filter((q) => q.speaker?.entityId === cluster.id));
          if (said.length) {
            md.appendMarkdown(`\n\n*${said.length === 1 ? vscode.l10n.t('Quoted once:') : vscode.l10n.t('Quoted {0} times:', said.length)}*`);
            for (const q of said.slice(0, 5)) {
              md.appendMarkdown('\n- “');
              md.appendMarkdown(escapeMarkdown(q.text.length > 140 ? q.text.slice(0, 140) + '…' : q.text));
              md.appendMarkdown('”');
            }
          }
        }
      } else if (quote) {
        md.appendMarkdown(`**${quote.kind === 'speech' ? vscode.l10n.t('Quote') : vscode.l10n.t('Scare quote / title')}**`);
        if (quote.speaker) {
          md.appendMarkdown(`\n\n*${vscode.l10n.t('Speaker:')}* `);
          md.appendMarkdown(escapeMarkdown(quote.speaker.name));
        }
        if (quote.cue) {
          md.appendMarkdown(`\n\n*${vscode.l10n.t('Cue:')}* `);
          md.appendMarkdown(escapeMarkdown(quote.cue.text));
        }
        const ann = state.annotations.find((a) => a.kind === 'quote' && a.target.start === quote.start && a.target.end === quote.end);
        if (ann?.tags.length) {
          md.appendMarkdown(`\n\n*${vscode.l10n.t('Tags:')}* `);
          md.appendMarkdown(escapeMarkdown(ann.tags.join(', ')));
        }
        if (ann?.note) {
          md.appendMarkdown(`\n\n*${vscode.l10n.t('Note:')}* `);
          md.appendMarkdown(escapeMarkdown(ann.note));
        }
      }
      // The claim around the cursor: its verdict, and a link to rate it (a claim alone has a hover of its own).
      const claim = state.result.claims.find((c) => c.start <= offset && offset < c.end);
      const named = (mention && !rejected) || quote;
      // Under a name's or a quote's hover, only a verdict given is worth the room; on the rest of a claim, always.
      const rated = claim ? claimAnnotation(state, claim) : undefined;
      if (!named && !rated) return undefined;
      if (rated && (!named || rated.verdict)) {
        md.appendMarkdown(named ? '\n\n---\n\n' : `**${vscode.l10n.t('Claim')}**\n\n`);
        md.appendMarkdown(`*${vscode.l10n.t('Verdict:')}* `);
        md.appendMarkdown(rated.verdict ? escapeMarkdown(rated.verdict) : vscode.l10n.t('not rated'));
        if (rated.verdict && rated.note) {
          md.appendMarkdown(' — ');
          md.appendMarkdown(escapeMarkdown(rated.note));
        }
        const args = encodeURIComponent(JSON.stringify([{ uri: state.uri.toString(), start: rated.target.start, end: rated.target.end }]));
        md.appendMarkdown(` · [${vscode.l10n.t('Rate Claim…')}](command:marginalia.rateClaim?${args})`);
      }
      const span = mention && !rejected ? mention : quote ?? claim!;
      return new vscode.Hover(md, new vscode.Range(document.positionAt(span.start), document.positionAt(span.end)));
    },
  };
  context.subscriptions.push(
    vscode.languages.registerHoverProvider([{ language: 'plaintext' }, { language: 'markdown' }], provider),
    vscode.commands.registerCommand('marginalia.openArticle', async (target: string) => {
      if (typeof target !== 'string') return;
      const uri = vscode.Uri.parse(target);
      if (!store.get(uri)) return; // only articles Marginalia knows
      await vscode.window.showTextDocument(uri);
    }),
  );
}
