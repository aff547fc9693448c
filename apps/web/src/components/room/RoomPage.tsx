import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/StoreContext';
import { CallView } from '../call/CallView';
import { PreJoin } from '../prejoin/PreJoin';
import { LeftScreen } from './LeftScreen';
import { RemovedScreen } from './RemovedScreen';
import { WaitingScreen } from './WaitingScreen';

/**
 * `/r/<room>`: pre-join until the room is joined, then the call; the lobby's waiting screen; a
 * screen after leaving or removal.
 */
export function RoomPage({ roomId }: { roomId: string }) {
  const status = useAppStore((s) => s.status);
  const removed = useAppStore(
    (s) => s.status === 'failed' && s.statusDetail?.error === 'ERR_REMOVED',
  );
  const inRoom = useAppStore((s) => s.room !== null && s.room.roomId === roomId);
  const [rejoining, setRejoining] = useState(false);

  useEffect(() => {
    if (status === 'joined') setRejoining(false);
  }, [status]);

  if (removed) return <RemovedScreen />;
  if (status === 'waiting') return <WaitingScreen roomId={roomId} />;
  if ((status === 'joined' || status === 'reconnecting') && inRoom) return <CallView />;
  if (status === 'left' && !rejoining) return <LeftScreen onRejoin={() => setRejoining(true)} />;
  return <PreJoin roomId={roomId} />;
}
