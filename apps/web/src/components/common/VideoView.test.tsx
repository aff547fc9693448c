import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeStream, fakeTrack } from '../../test/fakes';
import { VideoView } from './VideoView';

describe('VideoView', () => {
  it('sets the stream through a ref and swaps it on the same element', () => {
    const first = fakeStream([fakeTrack('video')]);
    const { container, rerender } = render(<VideoView stream={first} />);
    const video = container.querySelector('video') as HTMLVideoElement;
    expect(video.srcObject).toBe(first);
    const second = fakeStream([fakeTrack('video')]);
    rerender(<VideoView stream={second} />);
    expect(container.querySelector('video')).toBe(video);
    expect(video.srcObject).toBe(second);
  });

  it('mutes only the own preview', () => {
    const { container } = render(
      <>
        <VideoView stream={null} self />
        <VideoView stream={null} />
      </>,
    );
    const [own, remote] = container.querySelectorAll('video');
    expect(own?.muted).toBe(true);
    expect(remote?.muted).toBe(false);
  });
});
