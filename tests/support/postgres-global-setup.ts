/** jest globalSetup of the server project: the private PostgreSQL cluster (see postgres.ts). */
import { startPrivateCluster } from './postgres';

export default startPrivateCluster;
