// The built app (`vite build` into dist/) served by `vite preview` (vite.config.ts: port
// PREVIEW_PORT, the Content-Security-Policy header), for tests that need production code: the
// service worker, the policy's <meta> tag. Built once per test process, however many specs use it.
import { build, preview, type PreviewServer } from 'vite';

let built: Promise<unknown> | null = null;

/** Builds dist/ once per test process. */
export async function buildSite(): Promise<void> {
  built ??= build({ logLevel: 'warn' });
  await built;
}

/** Serves dist/ under `base` (any sub-path works: the build uses relative URLs only). */
export async function previewBuiltSite(base = '/'): Promise<PreviewServer> {
  await buildSite();
  return preview({ base, logLevel: 'warn' });
}

/** dist/ as a static host that sends no headers of its own (no COOP/COEP, no policy header) serves it:
 *  `vite preview` without the project's config, on a free port. */
export async function previewWithoutHeaders(): Promise<PreviewServer> {
  await buildSite();
  return preview({ configFile: false, preview: { port: 0 }, logLevel: 'warn' });
}
