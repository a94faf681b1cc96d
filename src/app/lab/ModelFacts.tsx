import { modelCardFacts, type ModelInfo } from '../../models/model-card';

/** What a loaded classifier is. Its own chunk, with the training metrics it quotes: the first paint does not wait for them. */
export function ModelFacts({ info }: { info: ModelInfo }) {
  const facts = modelCardFacts(info);
  return (
    <dl className="meta model-facts">
      <dt>Base</dt>
      <dd>{facts.base}</dd>
      <dt>Weights</dt>
      <dd>{facts.weights}</dd>
      <dt>Head</dt>
      <dd>{facts.head}</dd>
      <dt>Test accuracy</dt>
      <dd data-testid={`test-accuracy-${info.id}`}>{facts.testAccuracy}</dd>
    </dl>
  );
}
