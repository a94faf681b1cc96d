import { useState } from 'react';
import { DEFAULT_EMBED_CONTROLS, EMBED_CONTROLS, EMBED_CONTROL_LABELS, type EmbedControl } from '../../classroom/presentation';
import { embedSnippet, embedUrl } from '../../embed/snippet';
import type { LabSettings } from '../../lab/settings';
import { SITE_URL } from '../worker-host';
import { CopyButton } from './CopyButton';
import { Modal } from './Modal';

const DEFAULT_SIZE = { width: 900, height: 760 };
/** What the author typed, made a sensible frame size (the field itself is left alone while typing). */
const frameSize = (typed: string, fallback: number) => {
  const v = Number(typed);
  return typed.trim() && Number.isFinite(v) ? Math.min(4000, Math.max(240, Math.round(v))) : fallback;
};

/** Writes the <iframe> snippet for the current leaf and setting, with the controls the author picks. */
export function EmbedDialog({ open, onClose, settings, slowMotion, upload }: { open: boolean; onClose: () => void; settings: LabSettings; slowMotion: boolean; upload: boolean }) {
  const [controls, setControls] = useState<EmbedControl[]>([...DEFAULT_EMBED_CONTROLS]);
  const [typed, setTyped] = useState({ width: String(DEFAULT_SIZE.width), height: String(DEFAULT_SIZE.height) });
  const options = { settings, controls, slowMotion, width: frameSize(typed.width, DEFAULT_SIZE.width), height: frameSize(typed.height, DEFAULT_SIZE.height) };
  const snippet = embedSnippet(SITE_URL, options);
  const toggle = (c: EmbedControl, on: boolean) => setControls((cs) => (on ? [...cs, c] : cs.filter((x) => x !== c)));
  return (
    <Modal open={open} onClose={onClose} title="Embed this lab in a course page" testId="embed-dialog">
      <p className="small">
        The embed opens with this leaf and this setting{slowMotion ? ', in slow motion' : ''}, without the page around it.
        {upload && ' Your own photo cannot be embedded: the embed shows the gallery leaf instead.'}
      </p>
      <fieldset className="embed-controls">
        <legend>Controls the embed shows</legend>
        {EMBED_CONTROLS.map((c) => (
          <label key={c}>
            <input type="checkbox" checked={controls.includes(c)} onChange={(e) => toggle(c, e.target.checked)} /> {EMBED_CONTROL_LABELS[c]}
          </label>
        ))}
      </fieldset>
      <div className="embed-size">
        {(['width', 'height'] as const).map((k) => (
          <label key={k}>
            {k === 'width' ? 'Width' : 'Height'} (px){' '}
            <input type="number" min={240} max={4000} step={10} value={typed[k]} onChange={(e) => setTyped((t) => ({ ...t, [k]: e.target.value }))} />
          </label>
        ))}
      </div>
      <label className="snippet">
        HTML to paste
        <textarea readOnly rows={5} value={snippet} data-testid="embed-snippet" onFocus={(e) => e.target.select()} />
      </label>
      <p className="buttons-row">
        <CopyButton text={() => snippet} label="Copy snippet" copied=" Snippet copied." testId="copy-snippet" />
        <a href={embedUrl(SITE_URL, options)} target="_blank" rel="noopener">Open the embed alone</a>
      </p>
    </Modal>
  );
}
