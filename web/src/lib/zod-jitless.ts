// Imported first by pages that use zod: the CSP allows no eval, so zod must not even probe for it (the probe
// would be reported as a CSP violation). Must run before any schema is used, hence its own module.
import { config } from 'zod';

config({ jitless: true });
