// The "Embed" dialog's output: the embed URL for a setting and the <iframe> snippet to paste into a
// course page. Pure, so the dialog only renders it.
import type { EmbedControl } from '../classroom/presentation';
import type { LabSettings } from '../lab/settings';
import { DEFAULT_OPTIONS, writeQuery } from '../url/params';

export interface EmbedOptions {
  settings: LabSettings;
  controls: readonly EmbedControl[];
  slowMotion: boolean;
  width: number;
  height: number;
}

/** `siteUrl` is the app's own address (with its sub-path), e.g. https://example.org/leaves/. */
export function embedUrl(siteUrl: string, { settings, controls, slowMotion }: Omit<EmbedOptions, 'width' | 'height'>): string {
  const query = writeQuery({ options: DEFAULT_OPTIONS, presentation: { layout: 'embed', controls, slowMotion }, settings });
  return `${new URL('./', siteUrl).href}?${query}`;
}

const attribute = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

// cross-origin-isolated: in a course page that is itself isolated, the lab may be too (wasm on every
// core); a frame from another origin is not unless the page allows it. Elsewhere it changes nothing.
export function embedSnippet(siteUrl: string, options: EmbedOptions): string {
  return (
    `<iframe src="${attribute(embedUrl(siteUrl, options))}" width="${Math.round(options.width)}" height="${Math.round(options.height)}"` +
    ` title="Adversarial Leaves: FGSM on a leaf classifier" style="border: 1px solid #ccc; border-radius: 8px; max-width: 100%"` +
    ` allow="fullscreen; clipboard-write; cross-origin-isolated" loading="lazy"></iframe>`
  );
}
