// What a defense costs f on clean photos, from the committed measurement
// (src/experiment/results/defense-clean.json, written by `npm run defense-cost`). Pure: the page
// reads it.
import { DATA_SETS, type DataSet } from '../data-sets';
import { wilson, withInterval, type Proportion } from '../experiment/statistics';
import { DEFENSE_IDS, type DefenseId } from './names';

/** The columns of each image's predictions: f alone, then f behind each defense. */
export const CLEAN_COLUMNS = ['none', ...DEFENSE_IDS] as const;
export type CleanColumn = (typeof CLEAN_COLUMNS)[number];

export interface CleanImage {
  id: string;
  label: number;
  /** f's predicted class, one digit per CLEAN_COLUMNS entry. */
  predicted: string;
}

export interface CleanCostResults {
  split: string;
  /** headsFingerprint() of the heads that made it. */
  heads: string;
  /** CLEAN_COLUMNS. A random defense draws once per image, seeded by the image's place in its split. */
  columns: readonly string[];
  sets: Partial<Record<DataSet, CleanImage[]>>;
}

/** f's accuracy on one set's clean photos in one column. */
export function cleanAccuracy(images: CleanImage[], column: CleanColumn): Proportion {
  const k = CLEAN_COLUMNS.indexOf(column);
  return wilson(images.filter((im) => Number(im.predicted[k]) === im.label).length, images.length);
}

/** "On the 174 lab test photos f is right on 161 (…) alone and on 150 (…) behind JPEG." One per set. */
export function cleanCostSentences(results: CleanCostResults, defense: DefenseId, defenseLabel: string): string[] {
  return (Object.entries(results.sets) as [DataSet, CleanImage[]][]).map(([set, images]) => {
    const [alone, behind] = [cleanAccuracy(images, 'none'), cleanAccuracy(images, defense)];
    return `On the ${images.length} ${DATA_SETS[set].title} of the test split, f is right on ${alone.k} alone (${withInterval(alone)}) and on ${behind.k} behind ${defenseLabel} (${withInterval(behind)}).`;
  });
}
