// The embedded lab's side of the postMessage API (protocol.ts): commands from the embedding page
// are validated, then executed; frames go back out as events. Not React.
import type { LabCommand } from '../classroom/commands';
import type { LabFrame } from '../lab/session';
import { isReady, type Store } from '../app/store';
import { EVENT_SOURCE, PROTOCOL_VERSION, iterationState, parseCommand, type LabEvent } from './protocol';

/** An event without its envelope (distributes over the union, so each type keeps its fields). */
type EventBody<E = LabEvent> = E extends LabEvent ? Omit<E, 'source' | 'version'> : never;

/** Events hold only what the page shows anyone: any embedding page may read them. */
function emit(event: EventBody): void {
  window.parent.postMessage({ source: EVENT_SOURCE, version: PROTOCOL_VERSION, ...event }, '*');
}

/** Listens to the page that frames this one; does nothing when the lab is not in a frame. */
export function connectToHost(store: Store, execute: (command: LabCommand) => Promise<void>): void {
  if (window.parent === window) return;
  let announced = false;
  let lastFrame: LabFrame | null = null;
  const ignore = (reason: string) => {
    const { count } = store.getState().ignoredMessages;
    store.setState({ ignoredMessages: { count: count + 1, last: reason } });
  };

  window.addEventListener('message', (e: MessageEvent) => {
    if (e.source !== window.parent) return ignore('not from the embedding page');
    if (!announced) return ignore('sent before the ready event');
    const parsed = parseCommand(e.data, store.getState().gallery.map((g) => g.id));
    if (!parsed.ok) return ignore(parsed.reason);
    void execute(parsed.command);
  });

  store.subscribe(() => {
    const state = store.getState();
    if (!announced && isReady(state)) {
      announced = true;
      emit({ type: 'ready', settings: state.settings, gallery: state.gallery.map((g) => g.id) });
    }
    const { frame } = state;
    if (!announced || !frame || frame === lastFrame) return;
    lastFrame = frame;
    emit({ type: 'iteration', ...iterationState(frame) });
    if (frame.done && frame.t > 0) emit({ type: 'finished', ...iterationState(frame) });
  });
}
