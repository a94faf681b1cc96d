import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CLASS_NAMES } from '../../config';
import { MODEL_SPECS, type ModelId } from '../../models/specs';
import type { HistoryPoint } from '../store';

// Okabe–Ito: blue for f, orange for g (distinguishable with any colour vision).
const COLOURS: Record<ModelId, string> = { inception_v3: '#0072b2', mobilenet_v2: '#e69f00' };

interface Props {
  history: HistoryPoint[];
  target: number;
  iterations: number;
  /** What t counts: iterations, or (query only) images sent to f. */
  axis: 'iterations' | 'queries';
  models: ModelId[];
}

const AXIS_LABELS: Record<Props['axis'], { title: string; tick: string; caption: string }> = {
  iterations: { title: 'iteration t', tick: 't', caption: 'at each iteration' },
  queries: { title: 'queries to f', tick: 'queries', caption: 'as the queries go' },
};

/** Redrawn only when its data changes: recharts is the page's costliest render, and a dragged slider re-renders the page 50 times a second. */
const sameChart = (a: Props, b: Props) => a.history === b.history && a.target === b.target && a.iterations === b.iterations && a.axis === b.axis && a.models.join() === b.models.join();

/** P(y*) of each shown model against iteration 0..T (or queries 0..budget), with the 50 % decision line. */
export const PredictionChart = memo(function PredictionChart({ history, target, iterations, axis, models }: Props) {
  const labels = AXIS_LABELS[axis];
  const data = history.map((p) => ({ t: p.t, ...Object.fromEntries(models.map((id) => [id, p.probabilities[id]?.[target]])) }));
  return (
    <figure className="chart" data-testid="prediction-chart" data-points={history.length}>
      <figcaption>
        Probability of the target class <strong className={`tag tag-${CLASS_NAMES[target]}`}>{CLASS_NAMES[target]}</strong> {labels.caption}
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" domain={[0, Math.max(1, iterations)]} allowDecimals={false} label={{ value: labels.title, position: 'insideBottom', offset: -12 }} />
          <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} label={{ value: `P(${CLASS_NAMES[target]})`, angle: -90, position: 'insideLeft' }} />
          <ReferenceLine y={0.5} stroke="#555" strokeDasharray="6 4" label={{ value: 'decision line', position: 'insideTopRight', fontSize: 11 }} />
          <Tooltip formatter={(v: number) => `${(v * 100).toFixed(1)}%`} labelFormatter={(t) => `${labels.tick} = ${t}`} />
          <Legend verticalAlign="top" height={24} />
          {models.map((id) => (
            <Line key={id} type="linear" dataKey={id} name={`${MODEL_SPECS[id].title} (${MODEL_SPECS[id].role})`} stroke={COLOURS[id]} strokeWidth={2} dot={axis === 'iterations'} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}, sameChart);
