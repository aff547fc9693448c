import { DEFAULT_UPLINK_KBPS } from '@meshwork/mesh/runtime';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { UplinkBudgetSelect } from '../../components/settings/UplinkBudgetSelect';
import { joinedStore, makeStore, renderWithStore } from '../../test/render';
import { UPLINK_KBPS_KEY } from './uplinkSlice';

describe('uplink slice: the upload budget', () => {
  it('starts at the runtime default and hands it to the session of a join', async () => {
    const { store, session } = await joinedStore();
    expect(store.getState().uplinkKbps).toBe(DEFAULT_UPLINK_KBPS);
    expect(session.setUplinkBudget).toHaveBeenCalledWith(DEFAULT_UPLINK_KBPS);
  });

  it('a new budget reaches the call at once and is remembered for the next visit', async () => {
    const { store, session } = await joinedStore();
    store.getState().setUplinkBudget(1_000);
    expect(session.setUplinkBudget).toHaveBeenLastCalledWith(1_000);
    expect(window.localStorage.getItem(UPLINK_KBPS_KEY)).toBe('1000');
    expect(makeStore().store.getState().uplinkKbps).toBe(1_000);
  });

  it('an unusable budget, typed or stored, changes nothing', () => {
    window.localStorage.setItem(UPLINK_KBPS_KEY, 'lots');
    const { store } = makeStore();
    expect(store.getState().uplinkKbps).toBe(DEFAULT_UPLINK_KBPS);
    store.getState().setUplinkBudget(-5);
    expect(store.getState().uplinkKbps).toBe(DEFAULT_UPLINK_KBPS);
  });

  it('the settings select sets it', () => {
    const { store } = renderWithStore(<UplinkBudgetSelect />);
    fireEvent.change(screen.getByLabelText('Upload budget'), { target: { value: '500' } });
    expect(store.getState().uplinkKbps).toBe(500);
  });
});
