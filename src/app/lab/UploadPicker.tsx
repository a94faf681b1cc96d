import { useEffect, useState } from 'react';
import { DATA_SET_IDS, DATA_SETS } from '../../data-sets';
import { lab } from '../page';
import type { Upload } from '../store';

const LEARNED_FROM = DATA_SET_IDS.map((id) => `${DATA_SETS[id].title} (${DATA_SETS[id].describe})`).join(' and ');

/** File picker, drag and drop, and paste; plus what a user should know about their own photo. */
export function UploadPicker({ upload }: { upload: Upload | null }) {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const file = [...(e.clipboardData?.files ?? [])][0];
      if (file) void lab.uploadImage(file);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);
  return (
    <div
      className={`upload${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer.files[0];
        if (file) void lab.uploadImage(file);
      }}
    >
      <label className="upload-button">
        Use your own image
        <input type="file" accept="image/*" onChange={(e) => e.target.files?.[0] && void lab.uploadImage(e.target.files[0])} />
      </label>
      <span className="muted"> or drop / paste one here. It stays in your browser.</span>
      <p className="muted small">
        The models learned from {LEARNED_FROM}. A photo unlike these may be misjudged before any attack; f measures
        how unlike, and a notice says so.
      </p>
      {upload && (
        <div className="small" data-testid="upload-info">
          <p>
            Using <strong>{upload.name}</strong> ({upload.width}×{upload.height}), centre-cropped to a square and scaled to
            256×256 as shown. An uploaded photo cannot be shared in a link.
          </p>
          {upload.notes.length > 0 && (
            <ul className="upload-notes" data-testid="upload-notes">
              {upload.notes.map((n) => <li key={n}>{n}</li>)}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
