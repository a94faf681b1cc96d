// From the stronger-attacks records to the numbers and sentences the Experiment view and the README
// show: f's accuracy and targeted success per attack and ε, paired tests between methods on the same
// images, and the query attack's success rate and median queries. Pure functions (no tfjs).
import type { Judge } from './protocol';
import { targetOf } from './protocol';
import { gradientKey, type AttackImage, type AttackResults, type GradientAttack } from './attacks';
import { exactMcNemar, formatP, withInterval, wilson, type PairedTest, type Proportion } from './statistics';
import { SIGNIFICANCE, verdict } from './summary';
import { METHOD_LABELS } from '../lab/settings';

export interface AttackRow {
  madeOn: Judge;
  attack: GradientAttack;
  eps: number;
  /** f's accuracy on the images this attack ran on. */
  accuracy: Proportion;
  /** Of those f had right when clean, the share f now puts in the target class. */
  success: Proportion;
}

interface Comparison {
  madeOn: Judge;
  eps: number;
  first: GradientAttack;
  second: GradientAttack;
  /** Exact McNemar on f's correctness, the same images under both. */
  test: PairedTest;
}

interface QueryRow {
  eps: number;
  /** Of the subset's images f had right when clean, the share Square Attack flipped within the budget. */
  success: Proportion;
  /** Median queries of the images it flipped; null if none. */
  medianQueries: number | null;
  budget: number;
}

export interface AttackSummary {
  /** Images each part ran on. */
  n: { transfer: number; whitebox: number; query: number };
  /** How many species each part's photos come from. */
  species: { transfer: number; whitebox: number; query: number };
  clean: Proportion;
  transfer: AttackRow[];
  whitebox: AttackRow[];
  query: QueryRow[];
  comparisons: Comparison[];
}

const COURSE_MANY: GradientAttack = { method: 'ifgsm', T: 10 };
const COURSE_ONE: GradientAttack = { method: 'ifgsm', T: 1 };
const same = (a: GradientAttack, b: GradientAttack) => a.method === b.method && a.T === b.T;

const speciesIn = (images: { species: string }[]) => new Set(images.map((im) => im.species)).size;

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarizeAttacks({ plan, images }: Pick<AttackResults, 'plan' | 'images'>): AttackSummary {
  const cleanRight = (im: AttackImage) => im.clean === im.label;
  const ran = (key: string) => images.filter((im) => key in im.gradient);
  const rowOf = (madeOn: Judge, attack: GradientAttack, eps: number): AttackRow => {
    const on = ran(gradientKey(madeOn, attack, eps));
    const predicted = (im: AttackImage) => im.gradient[gradientKey(madeOn, attack, eps)];
    const right = on.filter(cleanRight);
    return {
      madeOn,
      attack,
      eps,
      accuracy: wilson(on.filter((im) => predicted(im) === im.label).length, on.length),
      success: wilson(right.filter((im) => predicted(im) === targetOf(im.label)).length, right.length),
    };
  };
  const rows = (madeOn: Judge, part: { epsilons: number[]; attacks: GradientAttack[] }) => part.epsilons.flatMap((eps) => part.attacks.map((a) => rowOf(madeOn, a, eps)));
  const compare = (madeOn: Judge, eps: number, first: GradientAttack, second: GradientAttack): Comparison => {
    const on = ran(gradientKey(madeOn, first, eps)).filter((im) => gradientKey(madeOn, second, eps) in im.gradient);
    const rightUnder = (a: GradientAttack) => on.map((im) => im.gradient[gradientKey(madeOn, a, eps)] === im.label);
    return { madeOn, eps, first, second, test: exactMcNemar(rightUnder(first), rightUnder(second)) };
  };
  const comparisons = [
    // Does momentum (or PGD's random start) transfer better than the course's iterations, and than its one step?
    ...plan.transfer.epsilons.flatMap((eps) =>
      plan.transfer.attacks.filter((a) => a.method !== 'ifgsm').flatMap((a) => [compare('g', eps, a, COURSE_MANY), compare('g', eps, a, COURSE_ONE)]),
    ),
    // Is PGD a stronger white box than the course's one step?
    ...plan.whitebox.epsilons.flatMap((eps) => plan.whitebox.attacks.filter((a) => !same(a, COURSE_ONE)).map((a) => compare('f', eps, a, COURSE_ONE))),
  ];
  const queried = images.filter((im) => Object.keys(im.query).length > 0);
  const whiteboxImages = ran(gradientKey('f', plan.whitebox.attacks[0], plan.whitebox.epsilons[0]));
  const query = plan.query.epsilons.map((eps): QueryRow => {
    const outcomes = queried.filter(cleanRight).map((im) => im.query[String(eps)]);
    const fooled = outcomes.filter((o) => o.fooled);
    return { eps, success: wilson(fooled.length, outcomes.length), medianQueries: median(fooled.map((o) => o.queries)), budget: plan.query.queryBudget };
  });
  return {
    n: { transfer: images.length, whitebox: whiteboxImages.length, query: queried.length },
    species: { transfer: speciesIn(images), whitebox: speciesIn(whiteboxImages), query: speciesIn(queried) },
    clean: wilson(images.filter(cleanRight).length, images.length),
    transfer: rows('g', plan.transfer),
    whitebox: rows('f', plan.whitebox),
    query,
    comparisons,
  };
}

/** "MI-FGSM (momentum), T = 10": the table's name, as the lab's method picker says it. */
export const attackLabel = ({ method, T }: GradientAttack) => (method === 'ifgsm' && T === 1 ? 'FGSM (the course, one step)' : `${METHOD_LABELS[method]}, T = ${T}`);

const SHORT_NAMES: Record<GradientAttack['method'], string> = { ifgsm: 'I-FGSM', pgd: 'PGD', mifgsm: 'MI-FGSM' };
/** "MI-FGSM (T = 10)", "FGSM (T = 1)": the sentences' name. */
const attackName = ({ method, T }: GradientAttack) => `${method === 'ifgsm' && T === 1 ? 'FGSM' : SHORT_NAMES[method]} (T = ${T})`;

function rowFor(summary: AttackSummary, madeOn: Judge, attack: GradientAttack, eps: number): AttackRow {
  const row = [...summary.transfer, ...summary.whitebox].find((r) => r.madeOn === madeOn && same(r.attack, attack) && r.eps === eps);
  if (!row) throw new Error(`no row for ${gradientKey(madeOn, attack, eps)}`);
  return row;
}

/** One paired comparison in words: both accuracies, which leaves f less accurate (or within chance), and p. */
function comparisonSentence(summary: AttackSummary, c: Comparison): string {
  const [a, b] = [rowFor(summary, c.madeOn, c.first, c.eps), rowFor(summary, c.madeOn, c.second, c.eps)];
  const made = c.madeOn === 'g' ? 'made on g and shown to f' : 'made on f itself';
  const v = verdict(c.test);
  const outcome =
    v === 'neither'
      ? `within chance (${formatP(c.test.p)}, ${c.test.onlyFirstWrong} + ${c.test.onlySecondWrong} images differ)`
      : `${v === 'first' ? attackName(c.first) : attackName(c.second)} leaves f less accurate (${formatP(c.test.p)})`;
  return `At ε = ${c.eps}, with images ${made}, f is right on ${withInterval(a.accuracy)} under ${attackName(c.first)} and ${withInterval(b.accuracy)} under ${attackName(c.second)} (${a.accuracy.n} images): ${outcome}.`;
}

/** The query attack at one ε in words. */
function querySentence(row: QueryRow): string {
  const med = row.medianQueries === null ? 'it flipped none' : `a median of ${row.medianQueries} ${row.medianQueries === 1 ? 'query' : 'queries'} for those it flipped`;
  return `At ε = ${row.eps}, asking f only for its probabilities, Square Attack flipped ${row.success.k} of ${row.success.n} images f had right (${withInterval(row.success)}) within ${row.budget} queries, ${med}.`;
}

/**
 * The view's and README's sentences: the momentum question first (with each ε's paired test
 * against the course's T = 10 and its one step), then PGD on g against the same two, the white
 * box and the query attack.
 */
export function interpretAttacks(summary: AttackSummary): string[] {
  const momentum = summary.comparisons.filter((c) => c.madeOn === 'g' && c.first.method === 'mifgsm');
  const vsMany = momentum.filter((c) => same(c.second, COURSE_MANY));
  const where = (v: ReturnType<typeof verdict>) => vsMany.filter((c) => verdict(c.test) === v).map((c) => c.eps).join(' and ');
  const [better, worse] = [where('first'), where('second')];
  const test = `paired exact McNemar test on the same images, p < ${SIGNIFICANCE}`;
  const headline = [
    better ? `Here MI-FGSM (T = 10) transfers better than the course's I-FGSM (T = 10) at ε = ${better} (${test}).` : `Here MI-FGSM (T = 10) does not transfer measurably better than the course's I-FGSM (T = 10) at any ε measured (${test} needed).`,
    ...(worse ? [`It transfers worse at ε = ${worse}.`] : []),
  ].join(' ');
  const pgdOnG = summary.comparisons.filter((c) => c.madeOn === 'g' && c.first.method === 'pgd');
  const whitebox = summary.comparisons.filter((c) => c.madeOn === 'f');
  return [headline, ...[...momentum, ...pgdOnG, ...whitebox].map((c) => comparisonSentence(summary, c)), ...summary.query.map(querySentence)];
}
