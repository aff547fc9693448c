/** Version of the client<->server wire contract; a client of another version is refused at join. */
export const PROTOCOL_VERSION = 2;
