// `npm run token -- <staff email> [expiry]`: prints a bearer token signed with JWT_SECRET, so GraphiQL can
// be used as staff. The token only names the person; their roles are read from the database per request.
import { loadConfig } from '../../config.js';
import { signStaffToken } from '../tokens.js';

const [email, expiresIn = '8h'] = process.argv.slice(2);
if (!email || !email.includes('@')) {
  console.error('Usage: npm run token -- <staff email> [expiry, e.g. 8h]   (seeded: admin@toaks.example, clerk@toaks.example, …)');
  process.exit(1);
}
const config = loadConfig();
if (config.jwt.jwksUrl) {
  console.error('JWKS_URL is set: staff tokens come from single sign-on, not from this command.');
  process.exit(1);
}
const token = await signStaffToken(config.jwt, email, expiresIn);
console.log(token);
console.error(`\nIn GraphiQL, open Headers and paste:\n{ "Authorization": "Bearer ${token}" }`);
