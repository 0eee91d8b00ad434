// The narration lines of the latest snapshot, and a function that renders one in the reader's language.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { NarrationLine } from '../../src/narration/narrationLine';
import { useAppStore } from '../store/appStore';
import { NARRATION_NAMESPACE, narrationText } from './narrationText';

const NO_LINES: NarrationLine[] = [];

/** The story so far (oldest first) and `say(line)` → the sentence in the current language. */
export function useNarration(): { lines: NarrationLine[]; say: (line: NarrationLine) => string } {
  const lines = useAppStore((s) => s.snapshot?.narration) ?? NO_LINES;
  const { t } = useTranslation(NARRATION_NAMESPACE);
  const say = useCallback((line: NarrationLine) => narrationText(t, line), [t]);
  return { lines, say };
}
