// The worker that encrypts and decrypts media frames end to end (SPEC [P31]). Same origin, so
// the page's CSP (`script-src 'self'`) allows it.
import { type FrameWorkerScope, serveFrameWorker } from '@meshwork/mesh/e2ee';

serveFrameWorker(self as unknown as FrameWorkerScope);
