import { Component, Suspense, type ReactNode } from 'react';

interface Props {
  /** What the part is, in words: "the chart". */
  what: string;
  /** Shown while its code loads. */
  fallback: ReactNode;
  children: ReactNode;
}

/**
 * A part of the page whose code is a chunk of its own: its fallback while the chunk loads, and if
 * the chunk cannot be loaded (a lecture hall's Wi-Fi drops it) or the part fails to draw, a notice
 * in its place. Without this, React would take the whole page down with it.
 */
export class LazyPart extends Component<Props, { error: string | null }> {
  state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  render() {
    const { what, fallback, children } = this.props;
    if (this.state.error !== null) {
      return (
        <p role="alert" className="error" data-testid="lazy-part-failed">
          {what[0].toUpperCase() + what.slice(1)} could not be shown ({this.state.error}). Reload the page to try again; the rest of the lab keeps working.
        </p>
      );
    }
    return <Suspense fallback={fallback}>{children}</Suspense>;
  }
}
