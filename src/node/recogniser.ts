import { compromiseRecogniser, type NameRecogniser } from '../core';

/** The name recogniser for Node hosts (CLI, scripts). */
export function loadRecogniser(_root: string): NameRecogniser {
  return compromiseRecogniser;
}
