/** Each data source's seal key, public: anyone can check a stored record's seal with it. */
import type { DataSourceCode, SharedDataSource } from '../../ports/sharedData';

const SEALED_FIELDS = ['source', 'query', 'data', 'retrievedAt'];

export const dataSourceKeys = (sources: Partial<Record<DataSourceCode, SharedDataSource>>) => () =>
  Object.values(sources).flatMap((x) =>
    x
      ? [
          {
            code: x.code,
            name: x.name,
            keyId: x.keyId,
            publicKeyHex: x.publicKeyHex,
            kinds: [...x.kinds],
            sealedFields: [...SEALED_FIELDS],
          },
        ]
      : [],
  );
