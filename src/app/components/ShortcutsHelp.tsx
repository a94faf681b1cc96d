import { SHORTCUTS } from '../../classroom/shortcuts';
import { Modal } from './Modal';

/** The `?` overlay: every keyboard shortcut, large enough to read from the back of a hall. */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} onClose={onClose} title="Keyboard shortcuts" testId="shortcuts">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(({ keys, does }) => (
            <tr key={does}>
              <th scope="row">{keys.map((k, i) => <span key={k}>{i > 0 && ' '}<kbd>{k}</kbd></span>)}</th>
              <td>{does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">Shortcuts pause while you type in a field; Escape closes this list.</p>
    </Modal>
  );
}
