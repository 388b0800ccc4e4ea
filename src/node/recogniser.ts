import { compromiseRecogniser, type NameRecogniser } from '../core';

/** The name recogniser for Node hosts (CLI, scripts). */
export function loadRecogniser(): NameRecogniser {
  return compromiseRecogniser;
}
