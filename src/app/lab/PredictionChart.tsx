import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CLASS_NAMES } from '../../config';
import { MODEL_SPECS, type ModelId } from '../../models/specs';
import type { HistoryPoint } from '../store';
import { chartRows, firstFooled } from './chart-data';

// Okabe–Ito: blue for f, orange for g, black for the loss, reddish purple and bluish green for the distances.
const COLOURS: Record<ModelId, string> = { inception_v3: '#0072b2', mobilenet_v2: '#e69f00' };
const LOSS_COLOUR = '#000000';
const DISTANCE_COLOURS = { linf: '#cc79a7', l2: '#009e73' };

interface Props {
  history: HistoryPoint[];
  target: number;
  iterations: number;
  /** What t counts: iterations, or (query only) images sent to f. */
  axis: 'iterations' | 'queries';
  models: ModelId[];
  /** Whose loss is drawn: the model the attack follows (f for noise and queries). */
  attacked: ModelId;
  epsilon: number;
  /** The t on screen (the timeline may have been scrubbed back). */
  shownT: number;
}

const AXIS_LABELS: Record<Props['axis'], { title: string; tick: string; caption: string }> = {
  iterations: { title: 'iteration t', tick: 't', caption: 'at each iteration' },
  queries: { title: 'queries to f', tick: 'queries', caption: 'as the queries go' },
};

const MARGIN = { top: 8, right: 8, bottom: 20, left: 8 };
const exact = (v: number | string) => (typeof v === 'number' ? v.toPrecision(4) : v);

/** Redrawn only when its data changes: recharts is the page's costliest render, and a dragged slider re-renders the page 50 times a second. */
const sameChart = (a: Props, b: Props) =>
  a.history === b.history && a.target === b.target && a.iterations === b.iterations && a.axis === b.axis && a.models.join() === b.models.join() && a.attacked === b.attacked && a.epsilon === b.epsilon && a.shownT === b.shownT;

/** P(y*) of each shown model and the attacked model's loss, then L∞ and L2, against t; marks where f was first fooled and the t on screen. */
export const PredictionChart = memo(function PredictionChart({ history, target, iterations, axis, models, attacked, epsilon, shownT }: Props) {
  const labels = AXIS_LABELS[axis];
  const data = chartRows(history, target, models, attacked);
  const fooled = firstFooled(history, target);
  const domain = [0, Math.max(1, iterations)];
  // A reference line draws only against an axis that exists: each panel names its own.
  const marks = (yAxisId: string, labelled: boolean) => (
    <>
      {fooled !== null && <ReferenceLine yAxisId={yAxisId} x={fooled} stroke="#0072b2" strokeDasharray="2 3" className="marker-fooled" label={labelled ? { value: `f fooled at ${labels.tick} = ${fooled}`, position: 'insideTopLeft', fontSize: 11 } : undefined} />}
      <ReferenceLine yAxisId={yAxisId} x={shownT} stroke="#333" strokeWidth={2} className="marker-shown" />
    </>
  );
  const xAxis = <XAxis dataKey="t" type="number" domain={domain} allowDecimals={false} label={{ value: labels.title, position: 'insideBottom', offset: -12 }} />;
  const tooltip = <Tooltip formatter={exact} labelFormatter={(t) => `${labels.tick} = ${t}`} />;
  return (
    <figure className="chart" data-testid="prediction-chart" data-points={history.length} data-shown-t={shownT} data-fooled-at={fooled ?? ''}>
      <figcaption>
        Probability of the target class <strong className={`tag tag-${CLASS_NAMES[target]}`}>{CLASS_NAMES[target]}</strong> and the loss {labels.caption}; below, how far x is from x⁰. Hover, or focus a chart and use the arrow keys, for exact values.
      </figcaption>
      <div className="chart-panel probability">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          {xAxis}
          <YAxis yAxisId="p" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} label={{ value: `P(${CLASS_NAMES[target]})`, angle: -90, position: 'insideLeft' }} />
          <YAxis yAxisId="loss" orientation="right" label={{ value: 'loss', angle: 90, position: 'insideRight' }} tickFormatter={(v: number) => v.toFixed(1)} />
          <ReferenceLine yAxisId="p" y={0.5} stroke="#555" strokeDasharray="6 4" label={{ value: 'decision line', position: 'insideTopRight', fontSize: 11 }} />
          {marks('p', true)}
          {tooltip}
          <Legend verticalAlign="top" />
          {models.map((id) => (
            <Line key={id} yAxisId="p" type="linear" dataKey={id} name={`${MODEL_SPECS[id].title} (${MODEL_SPECS[id].role})`} stroke={COLOURS[id]} strokeWidth={2} dot={axis === 'iterations'} isAnimationActive={false} />
          ))}
          <Line yAxisId="loss" type="linear" dataKey="loss" name={`loss −ln P(${CLASS_NAMES[target]}) of ${MODEL_SPECS[attacked].title}`} stroke={LOSS_COLOUR} strokeDasharray="5 3" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      </div>
      <div className="chart-panel distance">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          {xAxis}
          <YAxis yAxisId="linf" domain={[0, Math.max(epsilon, 1e-4) * 1.1]} tickFormatter={(v: number) => v.toFixed(3)} label={{ value: 'L∞', angle: -90, position: 'insideLeft' }} />
          <YAxis yAxisId="l2" orientation="right" label={{ value: 'L2', angle: 90, position: 'insideRight' }} tickFormatter={(v: number) => v.toFixed(1)} />
          <ReferenceLine yAxisId="linf" y={epsilon} stroke={DISTANCE_COLOURS.linf} strokeDasharray="6 4" label={{ value: 'ε', position: 'insideTopLeft', fontSize: 11 }} />
          {marks('linf', false)}
          {tooltip}
          <Legend verticalAlign="top" />
          <Line yAxisId="linf" type="linear" dataKey="linf" name="L∞ = max |x − x⁰|" stroke={DISTANCE_COLOURS.linf} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line yAxisId="l2" type="linear" dataKey="l2" name="L2 = ‖x − x⁰‖₂" stroke={DISTANCE_COLOURS.l2} strokeWidth={2} strokeDasharray="4 2" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      </div>
    </figure>
  );
}, sameChart);
