import { register as r2 } from 'node:module';
import { register } from 'tsx/esm/api';
register();
r2(new URL('./.hook-tmp.mjs', import.meta.url).href);
const c0 = process.cpuUsage();
await import(new URL('file:///work/main/' + process.argv[2]).href);
const c = process.cpuUsage(c0);
console.log('cpu ms', ((c.user + c.system) / 1000).toFixed(0));
