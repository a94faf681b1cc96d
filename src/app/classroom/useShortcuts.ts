// Wires the pure shortcut map (src/classroom/shortcuts.ts) to the window's key presses.
import { useEffect } from 'react';
import { shortcutAction, type FocusKind } from '../../classroom/shortcuts';
import { lab } from '../page';
import { getState } from '../store';

const CHOICE_INPUTS = /^(range|radio)$/;

function focusKind(target: EventTarget | null, focusedByPointer: boolean): FocusKind {
  if (!(target instanceof HTMLElement)) return 'none';
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return 'text';
  if (target instanceof HTMLInputElement && CHOICE_INPUTS.test(target.type)) return 'choice';
  if (target instanceof HTMLInputElement && target.type !== 'checkbox') return 'text';
  // A button or checkbox clicked with the mouse keeps focus; Space is then a shortcut, not a click.
  return target.closest('button, a[href], summary, input') && !focusedByPointer ? 'button' : 'none';
}

/** Presenter shortcuts on the whole page; `onHelp` toggles the `?` list. */
export function useShortcuts(enabled: boolean, onHelp: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    // Whether the focus last moved by mouse or touch (not by Tab).
    let focusedByPointer = false;
    const onPointer = () => (focusedByPointer = true);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Tab') focusedByPointer = false;
      if (e.defaultPrevented) return;
      const { settings, running, gallery } = getState();
      const action = shortcutAction(e, { settings, running, galleryIds: gallery.map((g) => g.id), focus: focusKind(e.target, focusedByPointer) });
      // Behind an open dialog only `?` works (it closes the list again).
      if (!action || (document.querySelector('dialog[open]') && action.type !== 'help')) return;
      e.preventDefault(); // Space and the arrows would scroll the page
      // A mouse-focused button or checkbox would still take Space's keyup as a click.
      if (e.key === ' ' && e.target instanceof HTMLElement) e.target.blur();
      if (action.type === 'help') onHelp();
      else void lab.execute(action);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer, true);
    };
  }, [enabled, onHelp]);
}
