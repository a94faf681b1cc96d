// A recharts chart as a file: one standalone SVG (the chart's own SVG, its HTML legend and caption
// drawn in), and a PNG rendered from that SVG. What the file shows is what the screen shows.
import { downloadBlob } from './download';

const SVG_NS = 'http://www.w3.org/2000/svg';
const CAPTION_FONT = 14;
const CAPTION_LINE = 18;

/** The caption in lines that fit `width` (an SVG text does not wrap), at about 0.55 em per character. */
export function wrapCaption(text: string, width: number, fontSize = CAPTION_FONT): string[] {
  const perLine = Math.max(20, Math.floor((width - 16) / (0.55 * fontSize)));
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= perLine) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The chart in `figure` (a <figure> with a recharts chart and a <figcaption>) as standalone SVG text. */
function chartSvg(figure: HTMLElement): { svg: string; width: number; height: number } {
  const wrapper = figure.querySelector<HTMLElement>('.recharts-wrapper');
  // The chart's own surface; each legend icon is a small recharts-surface too.
  const surface = wrapper?.querySelector<SVGSVGElement>(':scope > svg.recharts-surface');
  if (!wrapper || !surface) throw new Error('no chart to export');
  const origin = wrapper.getBoundingClientRect();
  const [width, height] = [Math.round(origin.width), Math.round(origin.height)];
  const style = getComputedStyle(figure);
  const captionLines = wrapCaption(figure.querySelector('figcaption')?.textContent?.trim() ?? '', width);
  const top = captionLines.length * CAPTION_LINE + 10;
  const out = document.createElementNS(SVG_NS, 'svg');
  const total = height + top;
  for (const [k, v] of Object.entries({ xmlns: SVG_NS, width: String(width), height: String(total), viewBox: `0 0 ${width} ${total}`, 'font-family': style.fontFamily, 'font-size': '12' })) out.setAttribute(k, v);
  const background = document.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({ width: '100%', height: '100%', fill: '#ffffff' })) background.setAttribute(k, v);
  out.append(background);
  const caption = document.createElementNS(SVG_NS, 'text');
  for (const [k, v] of Object.entries({ 'font-size': String(CAPTION_FONT), fill: '#1a1a1a' })) caption.setAttribute(k, v);
  captionLines.forEach((line, i) => {
    const span = document.createElementNS(SVG_NS, 'tspan');
    for (const [k, v] of Object.entries({ x: '8', y: String(CAPTION_LINE * (i + 1)) })) span.setAttribute(k, v);
    span.textContent = line;
    caption.append(span);
  });
  out.append(caption);
  const chart = document.createElementNS(SVG_NS, 'g');
  chart.setAttribute('transform', `translate(0 ${top})`);
  chart.append(...Array.from(surface.childNodes, (n) => n.cloneNode(true)));
  // The legend is HTML over the chart: each item's icon and text, drawn where the screen has them.
  for (const item of wrapper.querySelectorAll<HTMLElement>('.recharts-legend-item')) {
    const icon = item.querySelector('svg');
    const text = item.querySelector<HTMLElement>('.recharts-legend-item-text');
    if (icon) {
      const r = icon.getBoundingClientRect();
      const g = document.createElementNS(SVG_NS, 'svg');
      for (const [k, v] of Object.entries({ x: String(r.x - origin.x), y: String(r.y - origin.y), width: String(r.width), height: String(r.height), viewBox: icon.getAttribute('viewBox') ?? '' })) g.setAttribute(k, v);
      g.append(...Array.from(icon.childNodes, (n) => n.cloneNode(true)));
      chart.append(g);
    }
    if (text) {
      const r = text.getBoundingClientRect();
      const t = document.createElementNS(SVG_NS, 'text');
      for (const [k, v] of Object.entries({ x: String(r.x - origin.x), y: String(r.bottom - origin.y - 4), fill: getComputedStyle(text).color, 'font-size': getComputedStyle(text).fontSize })) t.setAttribute(k, v);
      t.textContent = text.textContent;
      chart.append(t);
    }
  }
  out.append(chart);
  return { svg: new XMLSerializer().serializeToString(out), width, height: total };
}

/** The SVG drawn onto a canvas at `scale` (sharper on a projector), as PNG. */
async function svgToPng({ svg, width, height }: ReturnType<typeof chartSvg>, scale = 2): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [width * scale, height * scale];
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the PNG');
  return blob;
}

export type ChartFormat = 'png' | 'svg';

/** Downloads the chart in `figure` as `<name>.png` or `<name>.svg`. */
export async function downloadChart(figure: HTMLElement, name: string, format: ChartFormat): Promise<void> {
  const drawn = chartSvg(figure);
  const blob = format === 'svg' ? new Blob([drawn.svg], { type: 'image/svg+xml' }) : await svgToPng(drawn);
  downloadBlob(blob, `${name}.${format}`);
}
