import { useEffect, useState } from 'react';
import type { AppState } from '../store';
import { pageLink, updatePresentation } from '../page';
import { CopyButton } from './CopyButton';
import { EmbedDialog } from './EmbedDialog';

/** Full screen on and off (a click is needed: browsers refuse it otherwise). */
function FullScreenButton() {
  const [on, setOn] = useState(Boolean(document.fullscreenElement));
  useEffect(() => {
    const sync = () => setOn(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  const toggle = () => void (on ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => undefined);
  return <button type="button" onClick={toggle} aria-pressed={on}>Full screen</button>;
}

/** Presenter mode, slow motion, shortcuts, sharing and embedding; says when the app works offline. */
export function ClassroomBar({ state, onHelp }: { state: AppState; onHelp: () => void }) {
  const { presentation, upload, settings, offlineReady, reloadIsolates, backend } = state;
  const [embedding, setEmbedding] = useState(false);
  const presenting = presentation.layout === 'present';
  // The clicked button goes away: leave focus on the page, where Space means run / pause.
  const blur = () => (document.activeElement as HTMLElement | null)?.blur();
  const present = () => {
    blur();
    updatePresentation({ layout: 'present' });
    document.documentElement.requestFullscreen?.().catch(() => undefined);
  };
  const leave = () => {
    blur();
    updatePresentation({ layout: 'lab' });
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  };
  return (
    <nav className="classroom" aria-label="Presenting and sharing">
      {presenting ? (
        <button type="button" onClick={leave}>Exit presenter mode</button>
      ) : (
        <button type="button" onClick={present}>Presenter mode</button>
      )}
      {presenting && <FullScreenButton />}
      <label className="toggle">
        <input type="checkbox" checked={presentation.slowMotion} onChange={(e) => updatePresentation({ slowMotion: e.target.checked })} /> Slow motion
      </label>
      {presenting && (
        <button type="button" onClick={onHelp} aria-keyshortcuts="Shift+?">
          Shortcuts <kbd>?</kbd>
        </button>
      )}
      <CopyButton
        text={() => pageLink()} label="Copy link" testId="copy-link"
        copied={upload ? ' Link copied, without your own photo (it stays in this browser).' : ' Link copied.'}
      />
      {!presenting && <button type="button" onClick={() => setEmbedding(true)}>Embed…</button>}
      {offlineReady && <span className="badge offline" data-testid="offline-ready">✓ Available offline</span>}
      {/* Offered, never forced: the worker is ready only once the models are cached, maybe mid-lesson. */}
      {reloadIsolates && backend?.threads === 1 && (
        <button type="button" onClick={() => location.reload()} title="This page came from the network, not the offline copy, so wasm runs on one thread here; a reload gets the offline copy, isolated, on every core.">
          Reload to use every core
        </button>
      )}
      {!presenting && <EmbedDialog open={embedding} onClose={() => setEmbedding(false)} settings={settings} slowMotion={presentation.slowMotion} upload={Boolean(upload)} />}
    </nav>
  );
}
