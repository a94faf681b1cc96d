// The address bar always holds the page as it is (src/url/params.ts): the page options it was
// opened with, the view, the lesson's step, the presentation and the setting (none for an upload:
// it cannot travel in a link). It follows the store, at most every 200 ms: browsers throttle
// replaceState, and a slider dragged fast would hit that.
import type { Presentation } from '../classroom/presentation';
import { writeQuery, type PageOptions } from '../url/params';
import type { AppState, Store } from './store';

const MIRROR_DELAY_MS = 200;

/** The query for this state, with `presentation` in place of the current one. */
function pageQuery(options: PageOptions, state: AppState, presentation = state.presentation): string {
  const { upload, settings, view, debug, lesson } = state;
  const lessonStep = lesson?.status === 'open' ? lesson.step : options.lessonStep;
  return writeQuery({ options: { ...options, view, debug, lessonStep }, presentation, settings }, upload ? ['settings'] : []);
}

/** Keeps the address bar in step with the store; returns a function giving the link to this page with another presentation. */
export function mirrorToAddressBar(store: Store, options: PageOptions): (presentation?: Presentation) => string {
  let written: string | null = null;
  let pending: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = (query: string) => {
    written = query;
    history.replaceState(history.state, '', query ? `?${query}` : location.pathname);
  };
  const follow = () => {
    const query = pageQuery(options, store.getState());
    if (query === (pending ?? written)) return;
    pending = query;
    clearTimeout(timer);
    timer = setTimeout(() => {
      pending = null;
      write(query);
    }, MIRROR_DELAY_MS);
  };
  store.subscribe(follow);
  follow(); // the address bar shows the page as read, not what the link said
  return (presentation) => {
    const query = pageQuery(options, store.getState(), presentation);
    return `${location.origin}${location.pathname}${query ? `?${query}` : ''}`;
  };
}
