import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithStore } from '../../test/render';
import { Announcer, TOAST_MS } from './Announcer';

describe('Announcer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows announcements in a live region and clears a burst together', () => {
    const { store } = renderWithStore(<Announcer />);
    act(() => {
      store.getState().announce('Bo joined');
      store.getState().announce('Cy joined');
      store.getState().announce('Di joined');
    });
    const region = screen.getByRole('status');
    expect(region).toHaveTextContent('Bo joinedCy joinedDi joined');

    act(() => vi.advanceTimersByTime(TOAST_MS / 2));
    act(() => store.getState().announce('Topology changed to Star'));
    act(() => vi.advanceTimersByTime(TOAST_MS / 2));
    // The three joins have had their time; the newer toast keeps its own.
    expect(region).toHaveTextContent(/^Topology changed to Star$/);

    act(() => vi.advanceTimersByTime(TOAST_MS / 2));
    expect(region).toBeEmptyDOMElement();
  });
});
