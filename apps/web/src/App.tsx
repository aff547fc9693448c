import { lazy, Suspense } from 'react';
import { Announcer } from './components/common/Announcer';
import { HomePage } from './components/home/HomePage';
import { RoomPage } from './components/room/RoomPage';
import { parseRoute, usePathname } from './routing/route';
import { WatchPage } from './watch/WatchPage';

// A chunk of its own, fetched as the /p2p page loads; nothing is fetched once it renders.
const P2pPage = lazy(() => import('./p2p/P2pPage'));

/** Routes between the start page and a room page with the history API. */
export function App() {
  const route = parseRoute(usePathname());
  return (
    <>
      {route.page === 'p2p' ? (
        <Suspense fallback={null}>
          <P2pPage />
        </Suspense>
      ) : route.page === 'watch' ? (
        <WatchPage key={route.roomId} roomId={route.roomId} />
      ) : route.page === 'room' ? (
        <RoomPage key={route.roomId} roomId={route.roomId} />
      ) : (
        <HomePage />
      )}
      <Announcer />
    </>
  );
}
