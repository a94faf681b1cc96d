import { ErrorBar, Line } from 'recharts';

/** One line of an experiment chart: its data key, legend name, Okabe–Ito colour and dash. */
export interface ChartLine<K extends string> {
  key: K;
  name: string;
  colour: string;
  dash?: string;
}

/**
 * The lines with their 95 % error bars (each point's `<key>Error`). A function, not a component:
 * recharts looks for its Line elements among the chart's own children.
 */
export function errorLines<K extends string>(lines: ChartLine<K>[]) {
  return lines.map((l) => (
    <Line key={l.key} dataKey={l.key} name={l.name} stroke={l.colour} strokeWidth={2.5} strokeDasharray={l.dash} dot={{ r: 3.5 }} isAnimationActive={false}>
      <ErrorBar dataKey={`${l.key}Error`} direction="y" width={5} stroke={l.colour} strokeOpacity={0.7} />
    </Line>
  ));
}
