// The lesson beside the lab: step k of n, its text, a question the student answers before the
// reveal, and Previous / Next, which load each step's setting (page.ts: showLessonStep).
import { useState } from 'react';
import type { LessonStep } from '../../lesson/schema';
import { showLessonStep } from '../page';
import type { LessonState } from '../store';

/** The question, then (once an answer is checked) right or wrong, the reveal and what to look at. */
function StepQuestion({ step }: { step: LessonStep }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const [checked, setChecked] = useState(false);
  const { prompt, choices, answer } = step.question;
  const right = chosen === answer;
  return (
    <form className="lesson-question" onSubmit={(e) => { e.preventDefault(); setChecked(chosen !== null); }}>
      <fieldset className="choice" disabled={checked}>
        <legend>{prompt}</legend>
        {choices.map((choice, i) => (
          <label key={i}>
            <input type="radio" name="lesson-answer" checked={chosen === i} onChange={() => setChosen(i)} /> {choice}
          </label>
        ))}
      </fieldset>
      {/* aria-disabled, not disabled, once checked: the button keeps the focus, and the reveal is read out below it. */}
      <button type="submit" disabled={chosen === null} aria-disabled={checked || undefined}>Check answer</button>
      <div aria-live="polite">
        {checked && (
          <div className="lesson-reveal" data-testid="lesson-reveal" data-correct={right}>
            <p><strong className={right ? 'ok' : 'bad'}>{right ? 'Right.' : `Not quite: the answer is “${choices[answer]}”.`}</strong></p>
            <p>{step.reveal}</p>
            <p><strong>What to look at:</strong> {step.lookAt}</p>
          </div>
        )}
      </div>
    </form>
  );
}

export function LessonPanel({ lesson }: { lesson: LessonState }) {
  if (lesson.status === 'loading') return <p className="lesson" role="status">Loading the lesson…</p>;
  if (lesson.status === 'failed') {
    return (
      <div className="lesson lesson-errors" role="alert" data-testid="lesson-errors">
        <h2>The lesson could not be opened</h2>
        <ul>{lesson.errors.map((error, i) => <li key={i}>{error}</li>)}</ul>
        <p className="small">The lab works as usual. How to write a lesson: “Lessons” in the README.</p>
      </div>
    );
  }
  const { title, steps } = lesson.lesson;
  const k = lesson.step;
  return (
    <section className="lesson" aria-labelledby="lesson-title" data-testid="lesson" data-step={k}>
      <h2 id="lesson-title">{title}</h2>
      <div aria-live="polite">
        <p className="lesson-progress muted">Step {k + 1} of {steps.length}</p>
        <p>{steps[k].text}</p>
      </div>
      {/* A new step starts unanswered. */}
      <StepQuestion key={k} step={steps[k]} />
      <nav className="lesson-nav" aria-label="Lesson steps">
        <button type="button" onClick={() => showLessonStep(k - 1)} disabled={k === 0}>← Previous</button>
        <button type="button" onClick={() => showLessonStep(k + 1)} disabled={k === steps.length - 1}>Next →</button>
      </nav>
    </section>
  );
}
