// `node --expose-gc bench/code-footprint.mjs [functions]`: a diagnostic beside bench/run.mjs, on
// Fastify with the no-op model. It asks whether a request path pays for the instructions it runs
// or for the code it runs them from. Four servers, two processes each, measured in rotation at
// saturation: the bare route; the bare route running `functions` (default 60) small generated
// functions per request, once as one function called that many times (`same-code`) and once as
// that many different functions (`distinct-code`), the same work either way (callgrind:
// `node bench/instructions.mjs fastify bare same-code60 distinct-code60`); and the route with the
// middleware. Prints CPU per request and throughput against the bare route (bench/rotation.mjs
// measures); writes nothing.
import { printRotation, rotate } from './rotation.mjs';

const functions = Number(process.argv[2] ?? 60);
const variants = ['bare', `same-code${functions}`, `distinct-code${functions}`, 'middleware'];
printRotation(await rotate('fastify', 'noop', variants, { processesPerVariant: 2, rounds: 4 }));
