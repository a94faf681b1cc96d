// The page's one worker, store and lab client, wired to the link the page was opened with. Every
// component's intent goes through here.
import type { Presentation } from '../classroom/presentation';
import type { LabFrame } from '../lab/session';
import { readQuery, type View } from '../url/params';
import { mirrorToAddressBar } from './address-bar';
import { savePng } from './draw/save-png';
import { fetchGallery } from '../gallery/gallery';
import { LabClient } from './lab-client';
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

export function startPage(): Promise<void> {
  const { backend, allowSoftwareWebGL, disableWebGL, softwareWebGL } = options;
  return lab.start({ backend: backend ?? undefined, allowSoftwareWebGL, disableWebGL, softwareWebGL });
}

/** Lab or experiment; the address bar keeps the choice, so a link opens the same view. */
export const showView = (view: View) => appStore.setState({ view });

/** Switches between the lab, presenter mode and the embed, or slow motion, in place. */
export const updatePresentation = (patch: Partial<Presentation>) => appStore.setState({ presentation: { ...appStore.getState().presentation, ...patch } });

/** Downloads x as an 8-bit PNG and checks what f says about exactly those rounded pixels. */
export async function downloadAdversarial(frame: LabFrame): Promise<void> {
  if (await savePng(frame.image, `adversarial-leaf-eps${frame.linf.toFixed(4)}-t${frame.t}.png`)) await lab.checkSaved(frame);
}
