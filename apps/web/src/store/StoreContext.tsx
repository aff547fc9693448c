import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppStore, AppStoreApi } from './types';

const StoreContext = createContext<AppStoreApi | null>(null);

/** Provides one page's store to the tree (zustand: "initialize state with props"). */
export function StoreProvider({ store, children }: { store: AppStoreApi; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for reading transiently (`getState`) in effects. */
export function useStoreApi(): AppStoreApi {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore needs a StoreProvider above it');
  return store;
}

/** Selects from the app store; re-renders when the selected value changes. */
export function useAppStore<T>(selector: (state: AppStore) => T): T {
  return useStore(useStoreApi(), selector);
}
