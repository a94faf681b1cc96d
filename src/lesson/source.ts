// Where a lesson comes from (`?lesson=`): the default lesson bundled in the code, a .json file on
// the page's own site (fetched from nowhere else: a link must not make the page call another
// origin), or the lesson itself as JSON in the link.
import { DEFAULT_LESSON } from './default-lesson';
import { parseLesson, type Lesson } from './schema';

export type LessonResult = { lesson: Lesson } | { errors: string[] };

/** The page's fetch (a test's stand-in): only what loading a file needs. */
type FetchText = (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

const USAGE = 'lesson= takes "default", the path of a .json file on this site (e.g. lessons/week5.json), or the lesson itself as JSON (starting with {)';

function fromJson(text: string, what: string): LessonResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { errors: [`${what} is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`] };
  }
  return parseLesson(json);
}

/** `new URL`, null for what is no URL at all (URL.parse is too recent for some school tablets). */
function parseUrl(raw: string, base: string): URL | null {
  try {
    return new URL(raw, base);
  } catch {
    return null;
  }
}

/** The lesson `raw` (the link's `lesson=`) names, read against the page at `pageUrl`; or why it cannot be opened. */
export async function loadLesson(raw: string, pageUrl: string, fetchText: FetchText): Promise<LessonResult> {
  if (raw === 'default') return { lesson: DEFAULT_LESSON };
  if (raw.trimStart().startsWith('{')) return fromJson(raw, 'The lesson in the link');
  const shown = raw.length > 80 ? `${raw.slice(0, 80)}…` : raw;
  const { origin } = new URL(pageUrl);
  const url = parseUrl(raw, pageUrl);
  if (!url) return { errors: [`${USAGE}.`] };
  if (url.origin !== origin) return { errors: [`${shown}: a lesson file must be on this site (${origin}); this one is not, so it was not fetched.`] };
  if (!url.pathname.endsWith('.json')) return { errors: [`${shown} is not a .json file: ${USAGE}.`] };
  try {
    const response = await fetchText(url.href);
    if (!response.ok) return { errors: [`${shown} could not be loaded: the site answered ${response.status}.`] };
    return fromJson(await response.text(), shown);
  } catch {
    return { errors: [`${shown} could not be loaded: no network. Offline, a lesson file opens only once it has been opened online, or when it was in public/lessons/ at the build.`] };
  }
}
