/**
 * The compilers of the routes' JSON schemas (request validation with Ajv, response serialisation
 * with fast-json-stringify), memoised per process by the schema's JSON text.
 *
 * Fastify compiles every route's schemas again for each app it builds: about half a second for
 * this registry's contract. A compiled validator or serialiser depends only on the schema text,
 * the shared schemas and the compiler options, so a process that builds several apps (the
 * integration tests, a harness of two nodes in one process) compiles each schema once. Nothing
 * here is registry state: the cache holds pure functions of the contract.
 */
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Route = { schema: unknown };

/** One memo per compiler configuration (shared schemas and options), then per schema text. */
export function memoised<Factory extends (...args: never[]) => (route: never) => unknown>(
  factory: Factory,
): Factory {
  const build = factory as unknown as (...args: unknown[]) => (route: Route) => unknown;
  const byConfiguration = new Map<string, Map<string, unknown>>();
  const cached = (...args: unknown[]) => {
    const compile = build(...args);
    const configuration = JSON.stringify(args);
    let memo = byConfiguration.get(configuration);
    if (!memo) {
      memo = new Map();
      byConfiguration.set(configuration, memo);
    }
    const bySchema = memo;
    return (route: Route) => {
      const key = JSON.stringify(route.schema);
      let fn = bySchema.get(key);
      if (fn === undefined) {
        fn = compile(route);
        bySchema.set(key, fn);
      }
      return fn;
    };
  };
  return cached as unknown as Factory;
}

/** Fastify's `schemaController.compilersFactory`, with the defaults Fastify would use inside. */
export const compilersFactory = {
  buildValidator: memoised(AjvCompiler()),
  buildSerializer: memoised(SerializerSelector()),
};
