import { compilersFactory, memoised } from '../../../mock-server/src/http/schemaCompilers';

describe('route schema compilers, memoised per process', () => {
  it('compiles a schema once per configuration, however many apps ask for it', () => {
    const compiled: string[] = [];
    const factory =
      (shared: object, options: { coerce: boolean }) => (route: { schema: object }) => {
        compiled.push(JSON.stringify([shared, options, route.schema]));
        return () => JSON.stringify(route.schema);
      };
    const build = memoised(factory);
    const schema = () => ({ type: 'object', properties: { a: { type: 'string' } } });
    // two apps, each with its own compiler from the factory and its own schema objects
    const first = build({}, { coerce: true })({ schema: schema() });
    const second = build({}, { coerce: true })({ schema: schema() });
    expect(second).toBe(first);
    expect(compiled).toHaveLength(1);
    // another schema text, or other options, is compiled on its own
    build({}, { coerce: true })({ schema: { type: 'string' } });
    build({}, { coerce: false })({ schema: schema() });
    expect(compiled).toHaveLength(3);
  });

  it('keeps the validation and serialisation Fastify would compile', () => {
    const schema = {
      type: 'object',
      required: ['n'],
      properties: { n: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } },
      additionalProperties: false,
    };
    const options = { customOptions: { coerceTypes: 'array' as const } };
    const validate = compilersFactory.buildValidator(
      {},
      options,
    )({
      schema,
      method: 'POST',
      url: '/x',
      httpPart: 'body',
    });
    const body: Record<string, unknown> = { n: '3', tags: 'a' };
    expect(validate(body)).toBe(true);
    expect(body).toEqual({ n: 3, tags: ['a'] });
    expect(validate({ n: 'x' })).toBe(false);
    const serialize = compilersFactory.buildSerializer(
      {},
      {},
    )({
      schema,
      method: 'POST',
      url: '/x',
      httpStatus: '200',
    });
    expect(serialize({ n: 1, tags: ['b'], secret: 'not in the schema' })).toBe(
      '{"n":1,"tags":["b"]}',
    );
  });
});
