import { describe, expect, it } from 'vitest';
import { textChart } from './chart';

describe('textChart', () => {
  it('scales the largest bar to the width and labels each with its value', () => {
    expect(
      textChart(
        [
          { label: 'mesh 4', value: 20 },
          { label: 'star 8', value: 40 },
          { label: 'x', value: 0 },
        ],
        '%',
        4,
      ),
    ).toBe('mesh 4 | ## 20 %\nstar 8 | #### 40 %\nx      | 0 %');
  });
});
