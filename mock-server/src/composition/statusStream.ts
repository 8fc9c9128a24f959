/**
 * The live signing status: the case feed's numbers in the store, the notices of changes (every
 * node hears every node's on PostgreSQL by LISTEN/NOTIFY; in process on the one-node SQLite
 * file) and the stream use case (docs/adr/0011).
 */
import { InProcessCaseNotifier } from '../adapters/caseFeed/inProcessNotifier';
import { PostgresCaseNotifier } from '../adapters/caseFeed/postgresNotifier';
import { SqlCaseFeedStore } from '../adapters/caseFeed/caseFeedStore';
import { SqliteSqlDb, type SqlDb } from '../adapters/sql';
import type { CaseChangeNotifier } from '../ports';
import type { AuthService } from '../usecases/auth/service';
import type { SigningStatus } from '../usecases/signing/signingStatus';
import { StatusStream } from '../usecases/signing/statusStream';

export function composeStatusStream(infra: {
  sql: SqlDb;
  databaseUrl: string;
  signingStatus: SigningStatus;
  auth: Pick<AuthService, 'isLive'>;
  heartbeatMs: number;
}): { stream: StatusStream; notifier: CaseChangeNotifier } {
  const notifier: CaseChangeNotifier =
    infra.sql instanceof SqliteSqlDb
      ? new InProcessCaseNotifier(infra.sql)
      : new PostgresCaseNotifier(infra.databaseUrl);
  const stream = new StatusStream({
    signingStatus: infra.signingStatus,
    feed: new SqlCaseFeedStore(infra.sql),
    notifier,
    sessionLive: (sessionId) => infra.auth.isLive(sessionId),
    heartbeatMs: infra.heartbeatMs,
  });
  return { stream, notifier };
}
