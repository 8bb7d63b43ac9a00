// Entry point of a format worker thread (pool.ts). The renderers are TypeScript; tsx compiles them
// as they load. Workers run only during `astro build`, where tsx is installed (a dependency).
import { register } from 'tsx/esm/api';

register();
await import('./pool-worker.ts');
