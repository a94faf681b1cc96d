import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type LabSettings } from '../lab/settings';
import { DEFAULT_OPTIONS, readQuery } from '../url/params';
import { embedSnippet, embedUrl } from './snippet';

const SITE = 'https://course.example/demos/leaves/index.html';
const settings: LabSettings = { ...DEFAULT_SETTINGS, image: 'grape__00e46ac798', mode: 'blackbox', iterations: 10 };

describe('embed snippet', () => {
  it('the embed URL reproduces the setting and the visible controls under the site path', () => {
    const url = new URL(embedUrl(SITE, { settings, controls: ['buttons', 'chart'], slowMotion: true }));
    expect(url.origin + url.pathname).toBe('https://course.example/demos/leaves/');
    expect(readQuery(url.search)).toEqual({
      state: { options: DEFAULT_OPTIONS, presentation: { layout: 'embed', controls: ['buttons', 'chart'], slowMotion: true }, settings },
      notices: [],
    });
  });

  it('writes an iframe with escaped attributes, a size and a title', () => {
    const html = embedSnippet(SITE, { settings, controls: ['buttons'], slowMotion: false, width: 800.4, height: 600 });
    expect(html).toMatch(/^<iframe src="https:\/\/course\.example\/demos\/leaves\/\?embed=1&amp;controls=buttons&amp;image=grape__00e46ac798&amp;mode=blackbox&amp;T=10"/);
    expect(html).toContain('width="800" height="600"');
    expect(html).toContain('title="Adversarial Leaves');
    expect(html).toContain('allow="fullscreen; clipboard-write; cross-origin-isolated"');
    expect(html).not.toMatch(/&(?!amp;|quot;|lt;)/);
  });
});
