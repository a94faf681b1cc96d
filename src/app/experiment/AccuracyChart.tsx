import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { errorLines, type ChartLine } from './error-lines';
import { FEW_STEPS, MANY_STEPS, MEASURES, type ChartPoint, type LineKey, type Measure } from './chart-data';

// Okabe–Ito colours (readable with any colour vision); each line also has its own dash or marker.
const LINES: ChartLine<LineKey>[] = [
  { key: 'noise', name: 'random sign noise', colour: '#999999', dash: '2 3' },
  { key: 'blackboxFew', name: `black box (made on g), T = ${FEW_STEPS}`, colour: '#e69f00' },
  { key: 'blackboxMany', name: `black box (made on g), T = ${MANY_STEPS}`, colour: '#d55e00', dash: '8 4' },
  { key: 'whitebox', name: 'white box (made on f), T = 1', colour: '#0072b2' },
];

const formatEps = (eps: number) => String(eps);

interface Props {
  points: ChartPoint[];
  measure: Measure;
  /** f's clean accuracy: a horizontal line in the accuracy chart (ε = 0 cannot sit on a log axis). */
  clean: number;
  /** Another run's lines drawn thin underneath, for comparison. */
  faded?: ChartPoint[];
  caption: string;
}

/** f's accuracy, or a targeted success rate, against ε on a log axis; error bars are 95 % intervals. */
export function AccuracyChart({ points, measure, clean, faded, caption }: Props) {
  const data = points.map((p, i) => ({ ...p, ...Object.fromEntries(LINES.map((l) => [`faded-${l.key}`, faded?.[i]?.[l.key]])) }));
  const eps = points.map((p) => p.eps);
  const yLabel = measure === 'accuracy' ? "f's accuracy" : `${MEASURES.find((m) => m.id === measure)!.label} (of leaves f had right)`;
  return (
    <figure className="chart experiment-chart" data-testid="experiment-chart" data-measure={measure} data-images={caption}>
      <figcaption>{caption}</figcaption>
      <ResponsiveContainer width="100%" height={360}>
        <LineChart data={data} margin={{ top: 8, right: 24, bottom: 28, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="eps" type="number" scale="log" domain={[eps[0], eps[eps.length - 1]]} ticks={eps} tickFormatter={formatEps} label={{ value: 'ε (L∞ budget, pixels in [0, 1]; log scale)', position: 'insideBottom', offset: -16 }} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} unit=" %" label={{ value: yLabel, angle: -90, position: 'left', offset: 8, style: { textAnchor: 'middle' } }} />
          {measure === 'accuracy' && (
            <ReferenceLine y={clean * 100} stroke="#009e73" strokeWidth={2} label={{ value: `no attack: ${(clean * 100).toFixed(1)} %`, position: 'insideBottomLeft', fontSize: 12, fill: '#00704f' }} />
          )}
          <Tooltip formatter={(v: number) => `${v.toFixed(1)} %`} labelFormatter={(e) => `ε = ${e}`} />
          <Legend verticalAlign="top" height={48} />
          {faded && LINES.map((l) => <Line key={`faded-${l.key}`} dataKey={`faded-${l.key}`} stroke={l.colour} strokeOpacity={0.35} strokeWidth={1.5} strokeDasharray={l.dash} dot={false} legendType="none" tooltipType="none" isAnimationActive={false} />)}
          {errorLines(LINES)}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
