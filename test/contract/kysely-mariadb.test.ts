import { registerKyselyContract } from '../integration/kysely/support/register-kysely-contract';

await registerKyselyContract('mysql', 'MariaDB');
