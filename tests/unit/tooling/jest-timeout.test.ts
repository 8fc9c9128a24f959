/**
 * Jest honours `testTimeout` only as a global option: inside one of `projects` it is silently
 * ignored and the 5 s default cuts off whole cases on a busy 2-core machine. This pins the hang
 * guard where jest reads it.
 */
import path from 'node:path';

interface JestConfig {
  testTimeout?: number;
  projects: Record<string, unknown>[];
}

describe('jest configuration', () => {
  let config: JestConfig;
  beforeAll(async () => {
    config = (await import(path.resolve(__dirname, '../../../jest.config.js'))) as JestConfig;
  });

  it('sets the hang guard at the top level, where jest reads it', () => {
    expect(config.testTimeout).toBeGreaterThanOrEqual(30_000);
  });

  it('sets no per-project testTimeout, which jest would ignore', () => {
    for (const p of config.projects) expect(p).not.toHaveProperty('testTimeout');
  });
});
