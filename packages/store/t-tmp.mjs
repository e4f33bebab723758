import { openStore } from './dist/index.js';
let t=performance.now();
const s = await openStore('/tmp/noop/w/data/rommer.db');
console.log('open', (performance.now()-t).toFixed(0)); t=performance.now();
await s.close(); console.log('close', (performance.now()-t).toFixed(0));
