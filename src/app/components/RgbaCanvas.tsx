import { useEffect, useRef } from 'react';
import { CANONICAL_SIZE } from '../../config';
import { paintRgba } from '../draw/rgba';

export function RgbaCanvas({ rgba, label, testId }: { rgba: Uint8ClampedArray | null; label: string; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current && rgba) paintRgba(ref.current, rgba);
  }, [rgba]);
  return <canvas ref={ref} className="view-canvas" role="img" aria-label={label} data-testid={testId} width={CANONICAL_SIZE} height={CANONICAL_SIZE} />;
}
