import { describe, expect, it } from 'vitest';
import { cleanAccuracy, cleanCostSentences, type CleanCostResults } from './clean-cost';

// Columns: none, jpeg, bitDepth, median, resizePad.
const results: CleanCostResults = {
  split: 'test',
  heads: 'x',
  columns: ['none', 'jpeg', 'bitDepth', 'median', 'resizePad'],
  sets: {
    lab: [
      { id: 'a', label: 0, predicted: '01001' },
      { id: 'b', label: 1, predicted: '11110' },
      { id: 'c', label: 1, predicted: '01111' },
    ],
  },
};

describe("a defense's cost on clean photos", () => {
  it('counts the photos f gets right in each column', () => {
    expect([cleanAccuracy(results.sets.lab!, 'none').k, cleanAccuracy(results.sets.lab!, 'jpeg').k, cleanAccuracy(results.sets.lab!, 'resizePad').k]).toEqual([2, 2, 1]);
    expect(cleanAccuracy(results.sets.lab!, 'median').n).toBe(3);
  });

  it('says both counts, with their intervals, for each data set', () => {
    const [sentence] = cleanCostSentences(results, 'resizePad', 'random resize and pad');
    expect(sentence).toMatch(/^On the 3 lab photos of the test split, f is right on 2 alone \(66\.7 % \[.*\]\) and on 1 behind random resize and pad \(33\.3 % \[.*\]\)\.$/);
  });
});
