// Entry point of the thread that renders a cold build's format files ahead (prewarm-thread.ts).
// Like the format workers (pool-worker.mjs), it loads TypeScript through tsx, at build time only.
import { register } from 'tsx/esm/api';

register();
await import('./prewarm-worker.ts');
