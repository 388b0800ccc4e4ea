import * as vscode from 'vscode';
import { ENTITY_TYPES, type EntityType } from '../../core/contract';
import { describe } from '../../core/anchoring';
import type { Annotation, AnnotationKind } from '../../core/sidecar';
import type { ArticleStore } from '../store/articles';
import { readOnly } from '../log';
import { entityTypeLabel } from '../text/labels';

/** The entity types with their names in words. */
const types = (): { type: EntityType; label: string }[] => ENTITY_TYPES.map((type) => ({ type, label: entityTypeLabel(type) }));

let counter = 0;
/** Ids of the user's own annotations: unique, and sortable by creation time. */
function userId(): string {
  return `u-${Date.now().toString(36)}-${(counter++).toString(36)}`;
}

export interface AnnotateArgs {
  kind: AnnotationKind;
  type?: EntityType;
  speaker?: string;
  note?: string;
}

function editorState(store: ArticleStore) {
  const editor = vscode.window.activeTextEditor;
  const state = editor && store.get(editor.document.uri);
  if (!editor || !state) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open an article first.'));
    return undefined;
  }
  if (state.sidecarProblem) {
    readOnly(state.sidecarProblem);
    return undefined;
  }
  return { editor, state };
}

/** The annotation a command acts on: the one given, or the one under the cursor. */
function targetAnnotation(store: ArticleStore, id?: string): { uri: vscode.Uri; annotation: Annotation } | undefined {
  const ctx = editorState(store);
  if (!ctx) return undefined;
  const { editor, state } = ctx;
  const annotation = id
    ? state.annotations.find((a) => a.id === id)
    : store.annotationAt(state.uri, editor.document.offsetAt(editor.selection.active), (a) => a.kind === 'entity' || a.kind === 'quote' || a.kind === 'claim');
  if (!annotation) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No annotation under the cursor.'));
    return undefined;
  }
  return { uri: state.uri, annotation };
}

const touched = (a: Annotation, change: Partial<Annotation>): Annotation => ({ ...a, ...change, modified: new Date().toISOString() });

async function askKind(): Promise<AnnotateArgs | undefined> {
  const items: (vscode.QuickPickItem & { args: AnnotateArgs })[] = [
    ...types().map((t) => ({ label: t.label, description: vscode.l10n.t('entity'), args: { kind: 'entity' as const, type: t.type } })),
    { label: vscode.l10n.t('Quote'), description: vscode.l10n.t('with its speaker'), args: { kind: 'quote' } },
    { label: vscode.l10n.t('Claim'), description: vscode.l10n.t('a check-worthy statement'), args: { kind: 'claim' } },
    { label: vscode.l10n.t('Note'), description: vscode.l10n.t('free text'), args: { kind: 'note' } },
  ];
  const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Annotate the selection as…') });
  if (!pick) return undefined;
  const args = { ...pick.args };
  if (args.kind === 'quote') {
    args.speaker = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Who said it? (leave empty if unknown)') });
    if (args.speaker === undefined) return undefined;
  }
  if (args.kind === 'note') {
    args.note = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Note') });
    if (args.note === undefined) return undefined;
  }
  return args;
}

export function activate(context: vscode.ExtensionContext, store: ArticleStore): void {
  const register = (id: string, fn: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  register('marginalia.annotateSelection', async (given?: AnnotateArgs) => {
    const ctx = editorState(store);
    if (!ctx) return;
    const { editor, state } = ctx;
    if (editor.selection.isEmpty) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to annotate first.'));
      return;
    }
    const args = given ?? (await askKind());
    if (!args) return;
    const start = editor.document.offsetAt(editor.selection.start);
    const end = editor.document.offsetAt(editor.selection.end);
    const text = editor.document.getText();
    const t = describe(text, start, end);
    const now = new Date().toISOString();
    const annotation: Annotation = {
      id: userId(),
      kind: args.kind,
      origin: 'user',
      status: 'accepted',
      ...(args.type ? { type: args.type } : {}),
      ...(args.kind === 'quote' ? { speaker: args.speaker || null } : {}),
      tags: [],
      ...(args.note ? { note: args.note } : {}),
      created: now,
      modified: now,
      target: { start, end, exact: t.quote.exact, prefix: t.quote.prefix, suffix: t.quote.suffix },
    };
    // A user entity replaces a suggestion at exactly the same place.
    const same = state.annotations.find((a) => a.kind === annotation.kind && a.origin === 'suggested' && a.target.start === start && a.target.end === end);
    if (same) state.annotations = state.annotations.filter((a) => a !== same);
    await store.update(state.uri, annotation);
  });

  register('marginalia.accept', async (id?: string) => {
    const t = targetAnnotation(store, id);
    if (t) await store.update(t.uri, touched(t.annotation, { status: 'accepted' }));
  });

  register('marginalia.reject', async (id?: string) => {
    const t = targetAnnotation(store, id);
    if (t) await store.update(t.uri, touched(t.annotation, { status: 'rejected' }));
  });

  register('marginalia.retype', async (id?: string, type?: EntityType) => {
    const t = targetAnnotation(store, id);
    if (!t || t.annotation.kind !== 'entity') return;
    const chosen = type ?? (await vscode.window.showQuickPick(types().map((x) => ({ label: x.label, type: x.type })), { placeHolder: vscode.l10n.t('New type for “{0}”', t.annotation.target.exact) }))?.type;
    if (chosen) await store.update(t.uri, touched(t.annotation, { type: chosen, status: 'accepted' }));
  });

  register('marginalia.mergeEntity', async (id?: string, intoName?: string) => {
    const t = targetAnnotation(store, id);
    if (!t || t.annotation.kind !== 'entity') return;
    const candidates = store.entities.filter((e) => e.id !== t.annotation.entityId && (e.type === 'PERSON' || e.type === 'ORG' || e.type === 'PLACE'));
    const into = intoName ?? (await vscode.window.showQuickPick(candidates.map((e) => ({ label: e.name, description: `${e.type} · ${e.aliases.join(', ')}` })), { placeHolder: vscode.l10n.t('Merge “{0}” into…', t.annotation.target.exact) }))?.label;
    if (into) await store.update(t.uri, touched(t.annotation, { mergedInto: into, status: 'accepted' }));
  });

  register('marginalia.addNote', async (id?: string, note?: string) => {
    const t = targetAnnotation(store, id);
    if (!t) return;
    const text = note ?? (await vscode.window.showInputBox({ prompt: vscode.l10n.t('Note'), value: t.annotation.note ?? '' }));
    if (text !== undefined) await store.update(t.uri, touched(t.annotation, { note: text || undefined }));
  });
}
