import { describe, expect, it } from 'vitest';
import { DEFAULT_LESSON } from './default-lesson';
import { loadLesson } from './source';

const PAGE = 'https://course.example/leaves/?lesson=x';
const lesson = { title: 'T', steps: [{ ...DEFAULT_LESSON.steps[0] }] };

/** A site that serves `files` (by URL) and records what was asked. */
function site(files: Record<string, string>) {
  const asked: string[] = [];
  const fetchText = async (url: string) => {
    asked.push(url);
    const body = files[url];
    return { ok: body !== undefined, status: body === undefined ? 404 : 200, text: async () => body ?? '' };
  };
  return { asked, fetchText };
}

describe('loadLesson', () => {
  it('opens the default lesson and a lesson written into the link, fetching nothing', async () => {
    const { asked, fetchText } = site({});
    expect(await loadLesson('default', PAGE, fetchText)).toEqual({ lesson: DEFAULT_LESSON });
    expect(await loadLesson(` ${JSON.stringify(lesson)}`, PAGE, fetchText)).toEqual({ lesson });
    expect(asked).toEqual([]);
  });

  it("fetches a .json file from the page's own site, relative to the page", async () => {
    const { asked, fetchText } = site({ 'https://course.example/leaves/lessons/week5.json': JSON.stringify(lesson) });
    expect(await loadLesson('lessons/week5.json', PAGE, fetchText)).toEqual({ lesson });
    expect(asked).toEqual(['https://course.example/leaves/lessons/week5.json']);
  });

  it.each([
    ['https://evil.example/lesson.json'],
    ['//evil.example/lesson.json'],
    ['data:application/json,{}.json'],
  ])('refuses %s on another origin without fetching it', async (raw) => {
    const { asked, fetchText } = site({});
    expect(await loadLesson(raw, PAGE, fetchText)).toEqual({ errors: [`${raw}: a lesson file must be on this site (https://course.example); this one is not, so it was not fetched.`] });
    expect(asked).toEqual([]);
  });

  it.each<[string, Record<string, string>, string]>([
    ['defualt', {}, 'defualt is not a .json file: lesson= takes "default", the path of a .json file on this site (e.g. lessons/week5.json), or the lesson itself as JSON (starting with {).'],
    ['lessons/missing.json', {}, 'lessons/missing.json could not be loaded: the site answered 404.'],
    ['lessons/broken.json', { 'https://course.example/leaves/lessons/broken.json': '{"title": ' }, 'lessons/broken.json is not valid JSON: '],
    ['{"title": "x", }', {}, 'The lesson in the link is not valid JSON: '],
    ['{"title": "x"}', {}, 'steps: is missing'],
  ])('%s: says why it cannot be opened', async (raw, files, error) => {
    const result = await loadLesson(raw, PAGE, site(files).fetchText);
    expect(result).toHaveProperty('errors');
    expect((result as { errors: string[] }).errors[0].startsWith(error)).toBe(true);
  });

  it('says what to do when the network is down', async () => {
    const result = await loadLesson('lessons/week5.json', PAGE, () => Promise.reject(new TypeError('Failed to fetch')));
    expect(result).toEqual({ errors: [expect.stringMatching(/^lessons\/week5\.json could not be loaded: no network\. Offline, .*public\/lessons\//)] });
  });
});
