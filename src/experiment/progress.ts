// "12 of 174 images · 3 min 10 s left": the same progress line for the script and the browser.

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Remaining time from the average so far; null before the first item is done. */
function estimateRemaining(done: number, total: number, elapsedMs: number): number | null {
  return done > 0 ? (elapsedMs / done) * (total - done) : null;
}

export function progressText(done: number, total: number, elapsedMs: number): string {
  const left = estimateRemaining(done, total, elapsedMs);
  return `${done} of ${total} images · ${formatDuration(elapsedMs)} so far${left === null ? '' : ` · about ${formatDuration(left)} left`}`;
}
