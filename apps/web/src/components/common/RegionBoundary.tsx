import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useT } from '../../i18n/useT';

interface Props {
  /** What the region shows, for the fallback: "this message", "the chat". */
  what: string;
  children: ReactNode;
  /** The element the fallback renders as, so it fits where the region sits (`li` in a list). */
  as?: 'div' | 'li' | 'span';
  /** When this changes, a failed region tries to render again (new data may be fine). */
  resetKey?: unknown;
  onError?: (error: unknown, info: ErrorInfo) => void;
}

/** The fallback's words, in the page's language. */
function RegionError({ what, retry }: { what: string; retry: () => void }) {
  const m = useT();
  return (
    <>
      {m.common.couldNotShow(what)}{' '}
      <button type="button" className="btn btn-ghost small" onClick={retry}>
        {m.common.tryAgain}
      </button>
    </>
  );
}

interface State {
  failed: boolean;
  resetKey: unknown;
}

/**
 * Keeps a failure inside one region of the page (a tile, a chat row, a panel): the region shows
 * a small "couldn't show this" note and everything around it keeps working.
 */
export class RegionBoundary extends Component<Props, State> {
  override state: State = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (Object.is(props.resetKey, state.resetKey)) return null;
    return { failed: false, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.props.onError?.(error, info);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const Tag = this.props.as ?? 'div';
    return (
      <Tag className="region-error" data-region-error="">
        <RegionError what={this.props.what} retry={() => this.setState({ failed: false })} />
      </Tag>
    );
  }
}
