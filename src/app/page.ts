// The page's one worker, store and lab client, wired to the link the page was opened with. Every
// component's intent goes through here.
import type { Presentation } from '../classroom/presentation';
import type { LabFrame } from '../lab/session';
import { readQuery, type View } from '../url/params';
import { mirrorToAddressBar } from './address-bar';
import { savePng } from './draw/save-png';
import { fetchGallery } from '../gallery/gallery';
import { stepSetting } from '../lesson/schema';
import { LabClient } from './lab-client';
import type { StepPhase } from './lab/step-narration';
import { appStore } from './store';
import { SITE_URL, spawnLabWorker } from './worker-host';

const link = readQuery(location.search);
const { options, presentation, settings } = link.state;
appStore.setState({ view: options.view, debug: options.debug, presentation, settings, notices: link.notices });

/** The tfjs worker; the experiment uses it too. */
export const labWorker = spawnLabWorker();

export const lab = new LabClient({
  worker: labWorker,
  store: appStore,
  siteUrl: SITE_URL,
  loadGallery: () => fetchGallery(SITE_URL),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

/** The link to this page, with another presentation if given (no upload: it cannot travel). */
export const pageLink: (presentation?: Presentation) => string = mirrorToAddressBar(appStore, options);

export async function startPage(): Promise<void> {
  await openLesson();
  const { backend, allowSoftwareWebGL, allowSoftwareWebGPU, disableWebGL, softwareWebGL } = options;
  return lab.start({ backend: backend ?? undefined, allowSoftwareWebGL, allowSoftwareWebGPU, disableWebGL, softwareWebGL });
}

/**
 * The link's lesson, at its step. It is read before the lab starts (a file is one small fetch,
 * from the cache offline), so the step's setting is the one the lab opens with, as a link's is.
 */
async function openLesson(): Promise<void> {
  if (options.lesson === null) return;
  appStore.setState({ lesson: { status: 'loading' } });
  // Its own chunk (the default lesson quotes the committed results): a page without a lesson never downloads it.
  const { loadLesson } = await import('../lesson/source');
  const loaded = await loadLesson(options.lesson, location.href, fetch);
  if ('errors' in loaded) return appStore.setState({ lesson: { status: 'failed', errors: loaded.errors } });
  const last = loaded.lesson.steps.length - 1;
  if (options.lessonStep > last) appStore.setState({ notices: [...appStore.getState().notices, `The lesson has ${last + 1} steps: showing the last one.`] });
  appStore.setState({ lesson: { status: 'open', lesson: loaded.lesson, step: 0 } });
  showLessonStep(Math.min(options.lessonStep, last));
}

/**
 * Step `index` of the open lesson: its view, and its setting through the lab's own intent (as a
 * preset or an embedding page sets one), paused, so that nothing runs before the student answers.
 */
export function showLessonStep(index: number): void {
  const { lesson, settings: current, frame } = appStore.getState();
  if (lesson?.status !== 'open') return;
  const { view, settings } = stepSetting(lesson.lesson.steps[index].settings, current);
  appStore.setState({ lesson: { ...lesson, step: index }, view });
  // Before the first frame there is no x⁰ to reset to: the lab starts with the step's setting.
  if (!frame) return appStore.setState({ settings });
  lab.pause();
  void lab.execute({ type: 'set', settings });
}

/** Lab or experiment; the address bar keeps the choice, so a link opens the same view. */
export const showView = (view: View) => appStore.setState({ view });

/** Singles out one of a step's four operations in the step views (null: none). */
export const singleOutPhase = (stepPhase: StepPhase | null) => appStore.setState({ stepPhase });

/** Switches between the lab, presenter mode and the embed, or slow motion, in place. */
export const updatePresentation = (patch: Partial<Presentation>) => appStore.setState({ presentation: { ...appStore.getState().presentation, ...patch } });

/** Downloads x as an 8-bit PNG and checks what f says about exactly those rounded pixels. */
export async function downloadAdversarial(frame: LabFrame): Promise<void> {
  if (await savePng(frame.image, `adversarial-leaf-eps${frame.linf.toFixed(4)}-t${frame.t}.png`)) await lab.checkSaved(frame);
}
