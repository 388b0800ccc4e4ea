import * as vscode from 'vscode';
import type { EntityType } from '../../core';

// Entity types in words, for every view, hover and picker. Functions, not constants: l10n strings are looked up
// when used, in the display language of the moment.

/** An entity's type in words: "Person", "Organisation", … */
export function entityTypeLabel(type: EntityType): string {
  const labels: Record<EntityType, string> = {
    PERSON: vscode.l10n.t('Person'),
    ORG: vscode.l10n.t('Organisation'),
    PLACE: vscode.l10n.t('Place'),
    DATE: vscode.l10n.t('Date'),
    NUMBER: vscode.l10n.t('Number'),
  };
  return labels[type] ?? type;
}

/** A group of entities of one type: "People", "Organisations", … */
export function entityTypePlural(type: EntityType): string {
  const labels: Record<EntityType, string> = {
    PERSON: vscode.l10n.t('People'),
    ORG: vscode.l10n.t('Organisations'),
    PLACE: vscode.l10n.t('Places'),
    DATE: vscode.l10n.t('Dates'),
    NUMBER: vscode.l10n.t('Numbers'),
  };
  return labels[type] ?? type;
}
