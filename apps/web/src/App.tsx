import { Announcer } from './components/common/Announcer';
import { HomePage } from './components/home/HomePage';
import { RoomPage } from './components/room/RoomPage';
import { parseRoute, usePathname } from './routing/route';

/** Routes between the start page and a room page with the history API. */
export function App() {
  const route = parseRoute(usePathname());
  return (
    <>
      {route.page === 'room' ? <RoomPage key={route.roomId} roomId={route.roomId} /> : <HomePage />}
      <Announcer />
    </>
  );
}
