import { describe, expect, it } from 'vitest';
import { type ConnectionHandlers, SignalConnection, SOCKET_OPTIONS } from './SignalConnection';
import { type FakeSocket, fakeConnect } from './testing/FakeSocket';

function setup() {
  const sockets: FakeSocket[] = [];
  const heard: string[] = [];
  const handlers: ConnectionHandlers = {
    connected: () => heard.push('connected'),
    connectFailed: (err) => heard.push(`failed ${err.message}`),
    lost: (reason) => heard.push(`lost ${reason}`),
  };
  const connection = new SignalConnection('http://signal.test', fakeConnect(sockets), handlers);
  return { connection, socket: sockets[0] as FakeSocket, heard };
}

describe('SignalConnection', () => {
  it('opens one socket with the session options and connects only when told', () => {
    const { connection, socket } = setup();
    expect(socket.options).toEqual(SOCKET_OPTIONS);
    expect(socket.connectCalls).toBe(0);
    connection.open();
    connection.open();
    expect(socket.connectCalls).toBe(2);
    expect(connection.generation).toBe(2);
  });

  it('reports the transport, but not a disconnect of its own doing', () => {
    const { connection, socket, heard } = setup();
    connection.open();
    socket.serverConnect();
    socket.fire('connect_error', new Error('xhr poll error'));
    socket.serverDrop('transport close');
    socket.serverDrop('io client disconnect');
    expect(heard).toEqual(['connected', 'failed xhr poll error', 'lost transport close']);
  });

  it('drop() makes older answers stale; close() unsubscribes and is idempotent', () => {
    const { connection, socket, heard } = setup();
    connection.open();
    const before = connection.generation;
    connection.drop();
    expect(connection.generation).toBeGreaterThan(before);
    connection.close();
    connection.close();
    connection.open();
    socket.serverDrop();
    expect(heard).toEqual([]);
    expect(socket.disconnectCalls).toBe(2);
    expect(socket.connectCalls).toBe(1);
  });
});
