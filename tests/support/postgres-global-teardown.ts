/** jest globalTeardown of the server project: stops the private PostgreSQL cluster. */
import { stopPrivateCluster } from './postgres';

export default stopPrivateCluster;
