// The Keras functional graph as data (no tfjs): which layers a cut needs. Shared by the plan
// builder (graph.ts) and by scripts/decode-models.ts, which ships each base cut at its head's layer.
import type { KerasLayerJson } from './artifacts';

export function inputsOf(layer: KerasLayerJson): string[] {
  return (layer.inbound_nodes[0] ?? []).map((inbound) => inbound[0]);
}

/** Layers needed to compute `cut`, in the model's (topological) order. */
export function layersUpTo(layers: KerasLayerJson[], cut: string): KerasLayerJson[] {
  const byName = new Map(layers.map((l) => [l.name, l]));
  if (!byName.has(cut)) throw new Error(`no layer named ${cut}`);
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    inputsOf(byName.get(name)!).forEach(visit);
  };
  visit(cut);
  return layers.filter((l) => needed.has(l.name));
}

/** The Keras layer a weight belongs to: "conv2d_3/kernel" → "conv2d_3". */
export const layerOfWeight = (weightName: string): string => weightName.split('/')[0];
