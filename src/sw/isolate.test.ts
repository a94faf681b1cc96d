import { describe, expect, it } from 'vitest';
import { CROSS_ORIGIN_ISOLATION } from '../../scripts/lib/isolation';
import { withIsolationHeaders } from './isolate';

describe('withIsolationHeaders', () => {
  it('adds the isolation headers and keeps the status, the body and the other headers', async () => {
    const original = new Response('<!doctype html>', { status: 404, statusText: 'Not Found', headers: { 'Content-Type': 'text/html', 'Cross-Origin-Opener-Policy': 'unsafe-none' } });
    const served = withIsolationHeaders(original);
    expect(served.status).toBe(404);
    expect(served.statusText).toBe('Not Found');
    expect(served.headers.get('Content-Type')).toBe('text/html');
    for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION)) expect(served.headers.get(name)).toBe(value);
    expect(await served.text()).toBe('<!doctype html>');
  });

  it('passes on a response it cannot rebuild (status 0)', () => {
    const error = Response.error();
    expect(withIsolationHeaders(error)).toBe(error);
  });
});
