import { useState, type RefObject } from 'react';
import { downloadChart, type ChartFormat } from '../draw/chart-export';
import { downloadBlob } from '../draw/download';

interface Props {
  /** Holds the chart's <figure>. */
  container: RefObject<HTMLElement | null>;
  /** File name without extension. */
  name: string;
  formats: ChartFormat[];
  /** The chart's data as CSV, when it has a download of its own. */
  csv?: () => string;
  /** What the buttons export, for screen readers ("Experiment chart"). */
  label: string;
}

/** Buttons that save the chart on screen as PNG or SVG, and its numbers as CSV. */
export function ChartExport({ container, name, formats, csv, label }: Props) {
  const [error, setError] = useState<string | null>(null);
  const chart = (format: ChartFormat) => {
    const figure = container.current?.querySelector('figure');
    if (!figure) return;
    setError(null);
    downloadChart(figure, name, format).catch((e: unknown) => setError(`Could not save the chart: ${e instanceof Error ? e.message : String(e)}`));
  };
  return (
    <div className="chart-export" role="group" aria-label={`Save the ${label}`}>
      {formats.map((format) => (
        <button key={format} type="button" onClick={() => chart(format)}>
          Chart as {format.toUpperCase()}
        </button>
      ))}
      {csv && (
        <button type="button" onClick={() => downloadBlob(new Blob([csv()], { type: 'text/csv' }), `${name}.csv`)}>
          Data as CSV
        </button>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
