// Images that are not leaves, for measuring the out-of-world notice: solid colours, noise, a line
// drawing and simple scenes, built by the test-image generators (no fixture is committed).
import fs from 'node:fs';
import path from 'node:path';
import { CANONICAL_SIZE } from '../../src/config.ts';
import { flatBlockJpeg, jpegOf, pngOf } from '../../src/images/testing/make-images.ts';
import { seededRandom } from '../../src/seeded-random.ts';
import { PROJECT_ROOT } from './paths.ts';

type Rgba = [number, number, number, number];
const S = CANONICAL_SIZE;

function drawing(x: number, y: number): Rgba {
  // A child's house under a sun, black lines on white paper.
  const onLine = (d: number) => Math.abs(d) < 2;
  const sun = onLine(Math.hypot(x - 200, y - 55) - 28);
  const walls = (x >= 60 && x <= 170 && (onLine(y - 130) || onLine(y - 230))) || (y >= 130 && y <= 230 && (onLine(x - 60) || onLine(x - 170)));
  const roof = y <= 130 && y >= 60 && (onLine(y - 130 + (x - 60) * 0.636) || onLine(y - 130 + (170 - x) * 0.636)) && x >= 60 && x <= 170;
  const door = x >= 100 && x <= 130 && y >= 180 && y <= 230 && (onLine(x - 100) || onLine(x - 130) || onLine(y - 180));
  const v = sun || walls || roof || door ? 20 : 250;
  return [v, v, v, 255];
}

const SCENES: Record<string, () => Buffer> = {
  'solid white': () => pngOf(S, S, () => [255, 255, 255, 255]),
  'solid black': () => pngOf(S, S, () => [0, 0, 0, 255]),
  'solid grey': () => pngOf(S, S, () => [128, 128, 128, 255]),
  'solid leaf green': () => pngOf(S, S, () => [58, 125, 44, 255]),
  'solid red': () => pngOf(S, S, () => [200, 30, 30, 255]),
  'colour noise': () => {
    const random = seededRandom(11);
    return pngOf(S, S, () => [random() * 256, random() * 256, random() * 256, 255].map(Math.floor) as Rgba);
  },
  'line drawing': () => pngOf(S, S, drawing),
  'sky over a field': () => jpegOf(S, S, (_, y) => (y < 150 ? [90 + y / 2, 150 + y / 3, 240, 255] : [70, 140 - (y - 150) / 3, 40, 255])),
  'rainbow gradient': () => pngOf(S, S, (x, y) => [x, y, 255 - x, 255]),
  'grey checkerboard': () => flatBlockJpeg(S / 8, S / 8, 1, (_, bx, by) => ((bx >> 2) + (by >> 2)) % 2 ? 230 : 30),
};

/** The non-leaf images as files under .cache/non-leaves/ (written once), with their names. */
export function nonLeafImages(): { name: string; file: string }[] {
  const dir = path.join(PROJECT_ROOT, '.cache', 'non-leaves');
  fs.mkdirSync(dir, { recursive: true });
  return Object.entries(SCENES).map(([name, make]) => {
    const bytes = make();
    const file = path.join(dir, `${name.replace(/ /g, '-')}.${bytes[0] === 0xff ? 'jpg' : 'png'}`);
    fs.writeFileSync(file, bytes);
    return { name, file };
  });
}
