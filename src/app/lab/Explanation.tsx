import katex from 'katex';
import 'katex/dist/katex.min.css';
import { levelBudget, stepSize } from '../../attack/budget';
import { COMMITTED_RESULTS, earlierHeadsNote } from '../../experiment/results';
import { transferSentence } from '../../experiment/summary';
import type { LabSettings } from '../../lab/settings';

function TeX({ children, block = false }: { children: string; block?: boolean }) {
  const html = katex.renderToString(children, { displayMode: block, throwOnError: false, output: 'htmlAndMathml' });
  return <span dangerouslySetInnerHTML={{ __html: html }} />;
}

/** The update rule and the bound with the current numbers, and what the modes mean. */
export function Explanation({ settings }: { settings: LabSettings }) {
  const { epsilon, iterations, mode } = settings;
  const eta = stepSize(settings);
  return (
    <section className="explain" aria-labelledby="explain-title">
      <h2 id="explain-title">What is happening</h2>
      {mode === 'noise' ? (
        <>
          <p>The baseline: every pixel moves by exactly ε, up or down at random, then is clipped to [0, 1].</p>
          <TeX block>{`x = \\operatorname{clip}_{[0,1]}\\big(x^0 + ${epsilon.toFixed(4)}\\cdot s\\big),\\quad s_i \\in \\{-1, +1\\}`}</TeX>
        </>
      ) : (
        <>
          <p>
            Each iteration moves every pixel by η against the sign of the gradient of the loss L towards the
            wrong target y*, so the model's belief in y* grows:
          </p>
          <TeX block>{`x \\leftarrow \\operatorname{clip}_{[0,1]}\\Big(x - \\eta\\,\\operatorname{sign}\\big(\\nabla_x L(x, y^*)\\big)\\Big),\\quad \\eta = \\frac{\\varepsilon}{T} = \\frac{${epsilon.toFixed(4)}}{${iterations}} = ${eta.toFixed(5)}`}</TeX>
          <p>
            After T steps of size η, no pixel has moved more than <TeX>{`T\\eta = \\varepsilon = ${epsilon.toFixed(4)}`}</TeX>: <TeX>{`|x_i - x^0_i| \\le \\varepsilon`}</TeX>{' '}
            (about {(epsilon * 255).toFixed(1)} of 255 brightness levels).
          </p>
        </>
      )}
      <dl className="modes-explained">
        <dt>White box</dt>
        <dd>The attacker has the target model f itself and uses its gradients.</dd>
        <dt>Black box</dt>
        <dd>
          The attacker cannot see f. It trained its own substitute g, attacks g, and shows the result to f, hoping the attack
          transfers. <span data-testid="transfer-rate">{transferSentence(COMMITTED_RESULTS.summaries['8bit'], epsilon, iterations)}</span>
          {earlierHeadsNote(COMMITTED_RESULTS) && <> <span className="caveat" data-testid="transfer-heads-note">{earlierHeadsNote(COMMITTED_RESULTS)}</span></>}
        </dd>
        <dt>Why does L∞ show less than ε?</dt>
        <dd>
          The image on screen and the PNG you download have 256 brightness levels per colour. Each pixel of x is rounded to
          the nearest level that is at most ε from x⁰ — here {levelBudget(epsilon)} level{levelBudget(epsilon) === 1 ? '' : 's'} — so
          the L∞ and the verdicts shown are exactly those of the pixels you see.
        </dd>
        <dt>Why amplify the noise?</dt>
        <dd>The change is at most ε per pixel — invisible. The middle view multiplies it so you can see its pattern.</dd>
      </dl>
    </section>
  );
}
