import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { CostPreview, describeLoad } from './CostPreview';

const base = { up: 1, down: 5, links: 1, maxHops: 2, relayed: 0 };

describe('CostPreview', () => {
  it('[P24] a star through the server shows no re-encodes and what the server carries', () => {
    render(
      <CostPreview
        id="c"
        cost={{
          ...base,
          serverHub: true,
          serverLoad: { streams: 1200, maxStreams: 4000, cpuPercent: 37.6 },
        }}
      />,
    );
    expect(screen.getByText('Server: 0 re-encodes')).toBeTruthy();
    expect(screen.getByText('Server load').nextSibling?.textContent).toBe(
      describeLoad({ streams: 1200, maxStreams: 4000, cpuPercent: 37.6 }, en),
    );
    expect(describeLoad({ streams: 6, maxStreams: 400, cpuPercent: 12.4 }, en)).toBe(
      '6 of 400 streams · 12 % CPU',
    );
  });

  it('a server that has not said its load shows no load row; a peer hub shows neither', () => {
    const { rerender } = render(<CostPreview id="c" cost={{ ...base, serverHub: true }} />);
    expect(screen.queryByText('Server load')).toBeNull();
    rerender(<CostPreview id="c" cost={{ ...base, relayed: 4, serverHub: false }} />);
    expect(screen.queryByText('Server: 0 re-encodes')).toBeNull();
    expect(screen.getByText('Re-encodes')).toBeTruthy();
  });
});
