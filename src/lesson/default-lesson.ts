// The course's story as a lesson (`?lesson=default`): one white-box step flips f; random noise of
// the same size does nothing; black box at T = 1 rarely transfers; T = 10 fits g, not f; and the
// Experiment's curves. Bundled in the code, so it works offline and in an embed by construction.
// Every number it quotes is computed from the committed experiment results, and
// default-lesson.test.ts checks that each right answer is what those results say.
import { COMMITTED_RESULTS } from '../experiment/results';
import { CLAIM_EPSILON } from '../experiment/protocol';
import { percent, withInterval } from '../experiment/statistics';
import { blackboxAgainstNoise, fewAgainstMany, series, transferSentence, type AttackMethod } from '../experiment/summary';
import type { Lesson } from './schema';

/** A diseased grape leaf that one white-box step at ε = 0.01 flips (the lab's e2e tests use it too). */
export const LESSON_LEAF = 'grape__00e46ac798';

const { plan, summaries } = COMMITTED_RESULTS;
const summary = summaries['8bit'];
const eps = CLAIM_EPSILON;
const [few, many] = [Math.min(...plan.iterations), Math.max(...plan.iterations)];
/** f's row at the lesson's ε for one attack. */
const at = (method: AttackMethod, T: number | null = null) => series(summary, method, T).find((r) => r.eps === eps)!;
const g = summary.substitute.find((s) => s.eps === eps && s.T === few)!.accuracy;
const whitebox = summary.whiteboxSuccess!.flips;

export const DEFAULT_LESSON: Lesson = {
  title: 'How a tiny change fools a leaf classifier',
  steps: [
    {
      text:
        `f (InceptionV3) says this grape leaf is diseased. This step loads a white-box attack: the attacker knows f and follows f's own gradient. ` +
        `One step (T = 1) of size ε = ${eps} changes no pixel by more than ${(eps * 255).toFixed(2)} of 255 brightness levels, towards the class f does not predict.`,
      settings: { image: LESSON_LEAF, mode: 'whitebox', method: 'ifgsm', epsilon: eps, iterations: 1 },
      question: {
        prompt: 'Before you press Run: what will f say after this one step?',
        choices: ['Still diseased: a change this small cannot matter', 'Healthy', 'Nothing new yet: one step is not enough'],
        answer: 1,
      },
      reveal:
        `f flips to healthy, though the two photos look alike. Every pixel moved by ε in the direction that, by f's own gradient, pushes f towards "healthy". ` +
        `Over the ${summary.n} test photos, this one step flipped f on ${whitebox.k} of the ${whitebox.n} it had right (${withInterval(whitebox)}, 95 % interval).`,
      lookAt: "f's verdict under the images, and the middle view: the perturbation x − x⁰, amplified so that it can be seen.",
    },
    {
      text: `Same leaf, same budget ε = ${eps}, but no gradient: every pixel moves by ε up or down at random (one fixed random pattern).`,
      settings: { image: LESSON_LEAF, mode: 'noise', epsilon: eps },
      question: {
        prompt: 'Before you press Run: does random noise of this size flip f?',
        choices: ['Yes: any change of this size fools f', 'No: f still says diseased'],
        answer: 1,
      },
      reveal:
        `f keeps its answer: the size of a change is not what fools f, its direction is. Over the ${summary.n} test photos, noise at ε = ${eps} leaves f's accuracy at ` +
        `${percent(at('noise').accuracy.value)} (clean: ${percent(summary.clean.value)}); the white-box step at the same ε leaves it at ${percent(at('whitebox').accuracy.value)}.`,
      lookAt: "f's verdict and probability, and the middle view: a perturbation as large as the attack's, in random directions.",
    },
    {
      text:
        `Black box: the attacker has no access to f. It computes the same single step (T = ${few}) on its own model g (MobileNetV2, the substitute) ` +
        'and shows the result to f.',
      settings: { image: LESSON_LEAF, mode: 'blackbox', method: 'ifgsm', epsilon: eps, iterations: few },
      question: {
        prompt: `Over the ${summary.n} test photos, how often does such a step, made on g at ε = ${eps}, also fool f?`,
        choices: ['Almost always, as the white-box step did', 'On only a few photos', 'Never'],
        answer: 1,
      },
      reveal:
        `${transferSentence(summary, eps, few)} g itself, the model the step was made on, is left at ${withInterval(g)} accuracy: ` +
        'the attack works on the model it was computed on, and seldom carries over to f.',
      lookAt: "The chart's two lines, f (InceptionV3) and g (MobileNetV2): the attack aims at g; only f's verdict counts.",
    },
    {
      text: `Still black box at ε = ${eps}, now T = ${many} steps of ε/${many} each: the attack follows g's gradient ${many} times instead of once.`,
      settings: { image: LESSON_LEAF, mode: 'blackbox', method: 'ifgsm', epsilon: eps, iterations: many },
      question: {
        prompt: `Over the test photos, does T = ${many} fool f more often than the single step did?`,
        choices: ['Yes: more steps make a stronger attack', "No: the extra steps fit g's own quirks, which f does not share"],
        answer: 1,
      },
      reveal: `${transferSentence(summary, eps, many)} Over all budgets ε: ${fewAgainstMany(summary, few, many)}`,
      lookAt: "The chart, iteration by iteration: how g's line moves towards the target, and what f's line does meanwhile.",
    },
    {
      text:
        `The Experiment repeats these attacks on all ${summary.n} test photos, at every ε from ${plan.epsilons.filter((e) => e > 0)[0]} to ${Math.max(...plan.epsilons)}, ` +
        'with 95 % intervals.',
      settings: { view: 'experiment' },
      question: {
        prompt: 'Which attack leaves f least accurate as ε grows?',
        choices: ['White box', `Black box, T = ${few}`, `Black box, T = ${many}`, 'Random noise'],
        answer: 0,
      },
      reveal: `White box: one step at ε = ${eps} already leaves f at ${withInterval(at('whitebox').accuracy)}. ${blackboxAgainstNoise(summary, few, plan.noiseSeeds.length)}`,
      lookAt: "The chart of f's accuracy against ε, one line per attack; switch Show to see each direction of the flips, and read the sentences under the chart.",
    },
  ],
};
