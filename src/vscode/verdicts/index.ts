import * as vscode from 'vscode';
import type { Claim } from '../../core';
import { DEFAULT_VERDICTS, OUTSIDE_SCALE } from '../../core/export/claimreview';
import type { Annotation } from '../../core/sidecar';
import type { ArticleState, ArticleStore } from '../store/articles';
import { readOnly } from '../log';

/**
 * Verdicts on claims, for fact-checkers: Rate Claim… (Claims view, hover link, Ctrl+Alt+V on a claim) picks a label
 * of the setting `marginalia.verdicts` (or Unproven) and asks for the review text; both are stored on the claim's
 * annotation (`verdict`, `note`), shown in the Claims view and the hover, and exported as ClaimReview.
 */

/** The verdict scale, best first, from the settings (the default when the setting is empty or not a list of labels). */
export function verdictScale(): string[] {
  const v = vscode.workspace.getConfiguration('marginalia').get<unknown>('verdicts');
  const labels = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [];
  return labels.length ? [...new Set(labels)] : [...DEFAULT_VERDICTS];
}

/** The annotation that stands for an analysed claim (same span), if the article has one. */
export function claimAnnotation(state: ArticleState, claim: Pick<Claim, 'start' | 'end'>): Annotation | undefined {
  return state.annotations.find((a) => a.kind === 'claim' && !a.orphaned && a.target.start === claim.start && a.target.end === claim.end);
}

/** What Rate Claim… is called with: a Claims view item, hover/test arguments, or nothing (the claim at the cursor). */
type RateArgs = { state?: ArticleState; claim?: Pick<Claim, 'start' | 'end'> } | { uri: string; start: number; end: number; verdict?: string; note?: string } | undefined;

function resolveTarget(store: ArticleStore, args: RateArgs): { state: ArticleState; annotation: Annotation } | undefined {
  let state: ArticleState | undefined;
  let annotation: Annotation | undefined;
  if (args && 'uri' in args) {
    state = store.get(vscode.Uri.parse(args.uri));
    annotation = state && claimAnnotation(state, args);
  } else if (args?.state && args.claim) {
    state = args.state;
    annotation = claimAnnotation(state, args.claim);
  } else {
    const editor = vscode.window.activeTextEditor;
    state = editor && store.get(editor.document.uri);
    annotation = state && editor ? store.annotationAt(state.uri, editor.document.offsetAt(editor.selection.active), (a) => a.kind === 'claim') : undefined;
  }
  if (state?.sidecarProblem) {
    readOnly(state.sidecarProblem);
    return undefined;
  }
  if (!state || !annotation) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor on a claim (or pick one in the Claims view) to rate it.'));
    return undefined;
  }
  return { state, annotation };
}

/** Asks for a verdict and the review text and stores both on the claim; resolves to the verdict given, if any. */
async function rateClaim(store: ArticleStore, args: RateArgs): Promise<string | undefined> {
  const target = resolveTarget(store, args);
  if (!target) return undefined;
  const { state, annotation } = target;
  const given = args && 'uri' in args ? args : undefined;
  let verdict = given?.verdict;
  if (verdict === undefined) {
    const scale = verdictScale();
    const clear = vscode.l10n.t('Clear verdict');
    const items: vscode.QuickPickItem[] = [
      ...scale.map((label, i) => ({ label, description: i === 0 ? vscode.l10n.t('best') : i === scale.length - 1 ? vscode.l10n.t('worst') : undefined, picked: label === annotation.verdict })),
      ...OUTSIDE_SCALE.filter((l) => !scale.includes(l)).map((label) => ({ label, description: vscode.l10n.t('outside the scale') })),
      ...(annotation.verdict ? [{ label: clear }] : []),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Rate Claim'), placeHolder: annotation.target.exact.slice(0, 200) });
    if (!pick) return undefined;
    verdict = pick.label === clear ? '' : pick.label;
  }
  let note = given?.note;
  if (note === undefined && verdict) {
    note = await vscode.window.showInputBox({ title: vscode.l10n.t('Review of the claim (published as the ClaimReview text)'), value: annotation.note ?? '', prompt: vscode.l10n.t('Why this verdict: sources, what was checked. Leave empty for none.') });
    if (note === undefined) return undefined;
  }
  const updated: Annotation = { ...annotation, modified: new Date().toISOString() };
  if (verdict) updated.verdict = verdict;
  else delete updated.verdict;
  if (note !== undefined) {
    if (note.trim()) updated.note = note.trim();
    else delete updated.note;
  }
  await store.update(state.uri, updated);
  return verdict;
}

export function activate(context: vscode.ExtensionContext, store: ArticleStore): void {
  context.subscriptions.push(vscode.commands.registerCommand('marginalia.rateClaim', (args?: RateArgs) => rateClaim(store, args)));
}
