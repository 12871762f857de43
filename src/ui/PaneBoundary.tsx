import { Component, type ReactNode } from 'react';

interface Props {
  /** Says what failed: "This report", "The incident list" ... */
  what: string;
  /** When it changes (another incident selected, new data), the pane tries again. */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key: unknown;
}

/**
 * One pane's error boundary: a render error in a pane (a bug, or data no check foresaw) shows
 * what failed in that pane alone, and the rest of the app keeps working. Without it React
 * unmounts the whole tree and the page goes blank.
 */
export class PaneBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.key) ? null : { error: null, key: props.resetKey };
  }

  override componentDidCatch(error: unknown): void {
    // Kept in the console for a bug report; the pane itself says what failed.
    console.error(`${this.props.what} could not be shown`, error);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="pane-error" role="alert">
        <p>
          {this.props.what} could not be shown: {error.message}
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
