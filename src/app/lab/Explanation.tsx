import katex from 'katex';
import { memo } from 'react';
import 'katex/dist/katex.min.css';
import { levelBudget, pgdStepSize, stepSize } from '../../attack/budget';
import { COMMITTED_RESULTS, DEFENSE_CLEAN_COST, earlierHeadsNote } from '../../experiment/results';
import { cleanCostSentences } from '../../defense/clean-cost';
import { transferSentence } from '../../experiment/summary';
import { DEFENSE_LABELS, EOT_SAMPLES, RANDOM_DEFENSES, type DefenseId } from '../../defense/names';
import { METHOD_LABELS, QUERY_BATCH, type LabSettings } from '../../lab/settings';

// KaTeX's layout is slow (most of the page's script time on a phone): each formula is laid out once
// per text. Bounded, since dragging ε writes new numbers into the formulas.
const typeset = new Map<string, string>();
const TYPESET_KEPT = 256;

function TeX({ children, block = false }: { children: string; block?: boolean }) {
  const key = `${block ? 'block' : 'inline'}:${children}`;
  let html = typeset.get(key);
  if (html === undefined) {
    if (typeset.size >= TYPESET_KEPT) typeset.clear();
    html = katex.renderToString(children, { displayMode: block, throwOnError: false, output: 'htmlAndMathml' });
    typeset.set(key, html);
  }
  return <span dangerouslySetInnerHTML={{ __html: html }} />;
}

const SIGN_STEP = `x \\leftarrow \\operatorname{clip}_{[0,1]}\\Big(x - \\eta\\,\\operatorname{sign}\\big(\\nabla_x L(x, y^*)\\big)\\Big)`;

/** T steps of η never leave the ball: the bound, with the current numbers. */
function StepBound({ epsilon }: { epsilon: number }) {
  return (
    <p>
      After T steps of size η, no pixel has moved more than <TeX>{`T\\eta = \\varepsilon = ${epsilon.toFixed(4)}`}</TeX>: <TeX>{`|x_i - x^0_i| \\le \\varepsilon`}</TeX>{' '}
      (about {(epsilon * 255).toFixed(1)} of 255 brightness levels).
    </p>
  );
}

/** Each gradient method's update rule, with the current ε, T and step. */
function GradientRule({ settings }: { settings: LabSettings }) {
  const { epsilon, iterations, method } = settings;
  const eta = `\\eta = \\frac{\\varepsilon}{T} = \\frac{${epsilon.toFixed(4)}}{${iterations}} = ${stepSize(settings).toFixed(5)}`;
  switch (method) {
    case 'ifgsm':
      return (
        <div data-testid="update-rule" data-method={method}>
          <p>
            Each iteration moves every pixel by η against the sign of the gradient of the loss L towards the
            wrong target y*, so the model's belief in y* grows:
          </p>
          <TeX block>{`${SIGN_STEP},\\quad ${eta}`}</TeX>
          <StepBound epsilon={epsilon} />
        </div>
      );
    case 'mifgsm':
      return (
        <div data-testid="update-rule" data-method={method}>
          <p>
            MI-FGSM (Dong et al. 2018) steps along an accumulated gradient g instead: each new gradient is divided by
            its L1 norm, so every iteration counts alike, and added to the past ones (momentum μ = 1). The direction
            then changes slowly instead of chasing the attacked model's local bumps, which in Dong et al.'s
            experiments made black-box images transfer better.
          </p>
          <TeX block>{`g \\leftarrow \\mu\\, g + \\frac{\\nabla_x L(x, y^*)}{\\lVert \\nabla_x L(x, y^*) \\rVert_1},\\quad \\mu = 1`}</TeX>
          <TeX block>{`x \\leftarrow \\operatorname{clip}_{[0,1]}\\big(x - \\eta\\,\\operatorname{sign}(g)\\big),\\quad ${eta}`}</TeX>
          <StepBound epsilon={epsilon} />
        </div>
      );
    case 'pgd':
      return (
        <div data-testid="update-rule" data-method={method}>
          <p>
            PGD (Madry et al. 2018) starts at a random point of the ε-ball (one fixed draw here, so a link shows
            everyone the same run), takes steps α larger than ε/T, and projects x back onto the ball after each:
          </p>
          <TeX block>{`x^{(0)} = \\operatorname{clip}_{[0,1]}(x^0 + u),\\quad u_i \\sim U[-\\varepsilon, \\varepsilon]`}</TeX>
          <TeX block>{`x \\leftarrow \\Pi_{\\varepsilon}\\Big(x - \\alpha\\,\\operatorname{sign}\\big(\\nabla_x L(x, y^*)\\big)\\Big),\\quad \\alpha = \\frac{2.5\\,\\varepsilon}{T} = ${pgdStepSize(settings).toFixed(5)}`}</TeX>
          <p>
            <TeX>{`\\Pi_{\\varepsilon}`}</TeX> clips each pixel to <TeX>{`[x^0_i - \\varepsilon,\\ x^0_i + \\varepsilon]`}</TeX> and to [0, 1], so{' '}
            <TeX>{`|x_i - x^0_i| \\le \\varepsilon = ${epsilon.toFixed(4)}`}</TeX> after every step (about {(epsilon * 255).toFixed(1)} of 255 brightness levels).
          </p>
        </div>
      );
  }
}

/** Square Attack's rule: no gradient, only f's answers, each one counted. */
function QueryRule({ settings }: { settings: LabSettings }) {
  const { epsilon, queryBudget } = settings;
  return (
    <div data-testid="update-rule" data-method="square">
      <p>
        Square Attack (Andriushchenko et al. 2020) needs no gradient and no substitute: it only sends images to f and
        reads f's probabilities. It starts from vertical stripes of ±ε, then proposes to set one random square of
        pixels to x⁰ ± ε (a random sign per colour channel) and keeps a proposal only if f's loss towards y* drops:
      </p>
      <TeX block>{`x' = x \\text{ with } x'_{\\text{square}} = x^0_{\\text{square}} \\pm \\varepsilon,\\qquad x \\leftarrow x' \\ \\text{ if } -\\log P_f(y^* \\mid x') < -\\log P_f(y^* \\mid x)`}</TeX>
      <p>
        Every pixel stays at x⁰ or x⁰ ± ε, so <TeX>{`|x_i - x^0_i| \\le \\varepsilon = ${epsilon.toFixed(4)}`}</TeX>. The squares shrink as the queries
        go. {QUERY_BATCH} proposals go to f in one forward pass; each counts as a query, and the attack stops when f says y* or
        the budget of {queryBudget} queries would be passed. It asks about the 8-bit images shown here, as a real attacker would.
      </p>
    </div>
  );
}

/** The cat and mouse: what the defender and each attacker know, for the defense switched on. */
function DefenseMoves({ settings }: { settings: LabSettings }) {
  const defense = settings.defense as DefenseId;
  const random = RANDOM_DEFENSES.includes(defense);
  return (
    <dl className="modes-explained" data-testid="defense-moves" data-attacker={settings.attacker}>
      <dt>The defender</dt>
      <dd>
        Puts {DEFENSE_LABELS[defense]} in front of f: f judges D(x), the fourth image, never x itself. It has a price
        before any attack: <span data-testid="defense-cost">{cleanCostSentences(DEFENSE_CLEAN_COST, defense, DEFENSE_LABELS[defense]).join(' ')}</span>
      </dd>
      <dt>{settings.attacker === 'naive' ? 'The naive attacker (now playing)' : 'The naive attacker'}</dt>
      <dd>Knows f but not the defense: it computes the attack on f alone, and the defended f then judges the result.</dd>
      <dt>{settings.attacker === 'adaptive' ? 'The adaptive attacker (now playing)' : 'The adaptive attacker'}</dt>
      <dd>
        Knows the defense too and attacks f∘D.{' '}
        {random
          ? `D is differentiable but draws at random each time, so each gradient is the average over ${EOT_SAMPLES} draws (EOT, Athalye et al. 2018).`
          : 'D has no useful gradient (it rounds or sorts), so in the backward pass it is replaced by the identity: the gradient of f at D(x) is used as the gradient at x (BPDA, Athalye, Carlini & Wagner 2018).'}
      </dd>
    </dl>
  );
}

/** The update rule and the bound with the current numbers, and what the modes mean. */
// Memoised: the page redraws on every store change (a model's progress), the explanation only when the setting changes.
export const Explanation = memo(function Explanation({ settings }: { settings: LabSettings }) {
  const { epsilon, iterations, mode, method } = settings;
  return (
    // Focusable: on a phone the formulas are wider than the box, which then scrolls sideways, and keyboard users must reach that too.
    <section className="explain" aria-labelledby="explain-title" tabIndex={0}>
      <h2 id="explain-title">What is happening</h2>
      {mode === 'noise' ? (
        <>
          <p>The baseline: every pixel moves by exactly ε, up or down at random, then is clipped to [0, 1].</p>
          <TeX block>{`x = \\operatorname{clip}_{[0,1]}\\big(x^0 + ${epsilon.toFixed(4)}\\cdot s\\big),\\quad s_i \\in \\{-1, +1\\}`}</TeX>
        </>
      ) : mode === 'query' ? (
        <QueryRule settings={settings} />
      ) : (
        <GradientRule settings={settings} />
      )}
      {settings.defense !== 'none' && <DefenseMoves settings={settings} />}
      <dl className="modes-explained">
        <dt>White box</dt>
        <dd>The attacker has the target model f itself and uses its gradients.</dd>
        <dt>Black box</dt>
        <dd>
          The attacker cannot see f. It trained its own substitute g, attacks g, and shows the result to f, hoping the attack
          transfers. <span data-testid="transfer-rate">{transferSentence(COMMITTED_RESULTS.summaries['8bit'], epsilon, iterations)}</span>
          {method !== 'ifgsm' && <span className="caveat"> That figure is for iterative FGSM: the committed experiment has not measured {METHOD_LABELS[method].split(' ')[0]} yet.</span>}
          {earlierHeadsNote(COMMITTED_RESULTS) && <> <span className="caveat" data-testid="transfer-heads-note">{earlierHeadsNote(COMMITTED_RESULTS)}</span></>}
        </dd>
        <dt>Query only</dt>
        <dd>The attacker has neither f's gradients nor a substitute: it may only ask f about images and read its probabilities, and every question costs a query.</dd>
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
});
