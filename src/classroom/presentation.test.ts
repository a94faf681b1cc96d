import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESENTATION, presentationFromQuery, presentationToQuery, type Presentation } from './presentation';

describe('presentation in the URL', () => {
  it.each<Presentation>([
    DEFAULT_PRESENTATION,
    { layout: 'present', controls: DEFAULT_PRESENTATION.controls, slowMotion: true },
    { layout: 'embed', controls: ['buttons', 'gallery'], slowMotion: false },
    { layout: 'embed', controls: [], slowMotion: true },
  ])('round-trips %o', (p) => {
    expect(presentationFromQuery(presentationToQuery(p))).toEqual({ presentation: p, notices: [] });
  });

  it('the lab is an empty query, and the default embed is just embed=1', () => {
    expect(presentationToQuery(DEFAULT_PRESENTATION)).toBe('');
    expect(presentationToQuery({ ...DEFAULT_PRESENTATION, layout: 'embed' })).toBe('embed=1');
  });

  it('keeps the lab setting out of its own query and leaves it alone', () => {
    const { presentation } = presentationFromQuery('image=grape__00e46ac798&eps=0.02&present=1');
    expect(presentation.layout).toBe('present');
  });

  it.each([
    ['embed=yes', { layout: 'lab' }, /Ignored embed=yes/],
    ['present=1&embed=1', { layout: 'embed' }, /both embed and presenter/],
    ['embed=1&controls=buttons,<script>,chart', { layout: 'embed', controls: ['buttons', 'chart'] }, /unknown controls.*<script>/],
    ['slow=2', { slowMotion: false }, /Ignored slow=2/],
  ])('%s is ignored or corrected, with a notice', (query, expected, notice) => {
    const { presentation, notices } = presentationFromQuery(query);
    expect(presentation).toEqual({ ...DEFAULT_PRESENTATION, ...expected });
    expect(notices.join(' ')).toMatch(notice);
  });
});
