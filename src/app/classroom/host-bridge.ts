// The embedded lab's side of the postMessage API (src/embed/protocol.ts): commands from the
// embedding page are validated, then executed; frames go back out as events. Not React.
import { EVENT_SOURCE, PROTOCOL_VERSION, iterationState, parseCommand, type LabEvent } from '../../embed/protocol';
import type { LabFrame } from '../../lab/session';
import { execute } from '../controller';
import { getState, isReady, setState, subscribe } from '../store';

/** An event without its envelope (distributes over the union, so each type keeps its fields). */
type EventBody<E = LabEvent> = E extends LabEvent ? Omit<E, 'source' | 'version'> : never;

/** Events hold only what the page shows anyone: any embedding page may read them. */
function emit(event: EventBody): void {
  window.parent.postMessage({ source: EVENT_SOURCE, version: PROTOCOL_VERSION, ...event }, '*');
}

function ignore(reason: string): void {
  const { count } = getState().ignoredMessages;
  setState({ ignoredMessages: { count: count + 1, last: reason } });
}

/** Listens to the page that frames this one; does nothing when the lab is not in a frame. */
export function connectToHost(): void {
  if (window.parent === window) return;
  let announced = false;
  let lastFrame: LabFrame | null = null;

  window.addEventListener('message', (e: MessageEvent) => {
    if (e.source !== window.parent) return ignore('not from the embedding page');
    if (!announced) return ignore('sent before the ready event');
    const parsed = parseCommand(e.data, getState().gallery.map((g) => g.id));
    if (!parsed.ok) return ignore(parsed.reason);
    void execute(parsed.command);
  });

  subscribe(() => {
    const state = getState();
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
