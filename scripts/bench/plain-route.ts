/**
 * The baseline of the request benchmarks: a plain Fastify route (GET /ping → {"ok":true}) in a
 * process of its own, started the way a registry node is, so that a registry figure can be read
 * as a share of what this machine's Node and Fastify do with no work at all.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/ping', async () => ({ ok: true }));
app
  .listen({ port: 0, host: '127.0.0.1' })
  .then(() => {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(`plain route listening at http://127.0.0.1:${port}/\n`);
  })
  .catch((e: unknown) => {
    process.stderr.write(`plain route failed to start: ${String(e)}\n`);
    process.exit(1);
  });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
