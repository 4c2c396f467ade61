import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { AppDeps } from '../app/context.ts';
import type { LoginLimit } from '../http/rate-limits.ts';
import { WebApp } from './web-app.ts';
import { registerRulesPages } from './pages/rules/routes.ts';
import { registerAuthPages } from './pages/auth/routes.ts';
import { registerHomePage } from './pages/home/routes.ts';
import { registerWorklistPages } from './pages/worklist/routes.ts';
import { registerArchivePages } from './pages/archive/routes.ts';
import { registerMunicipalityAdminPages } from './pages/municipality-admin/routes.ts';
import { registerExperimentPages } from './pages/experiments/routes.ts';
import { registerCreditorPages } from './pages/creditor/routes.ts';
import { registerCapacityPages } from './pages/capacity/routes.ts';
import { registerDashboardPages } from './pages/dashboard/routes.ts';
import { registerBrandingPages } from './pages/branding/routes.ts';
import { registerAccountRecoveryPages } from './pages/account-recovery/routes.ts';
import { registerAccountPages } from './pages/account/routes.ts';
import { registerSecurityPages } from './pages/municipality-admin/security-routes.ts';
import { registerSsoPages } from './pages/identity/sso-routes.ts';
import { registerProviderPages } from './pages/identity/provider-routes.ts';
import { registerAuditPages } from './pages/audit/routes.ts';
import { registerReferralPages } from './pages/referrals/routes.ts';
import { registerOutreachPages } from './pages/outreach/routes.ts';
import { registerResidentPages } from './pages/resident/routes.ts';
import { registerPrivacyPages } from './pages/privacy/routes.ts';
import { MAX_LOGO_BYTES } from '../domain/branding/logo.ts';
// Each upload checks its own limit (a logo 200 kB, an experiment's document 10 MB); cut one byte past the larger.
import { MAX_DOCUMENT_BYTES } from '../domain/experiments/documents.ts';

const here = dirname(fileURLToPath(import.meta.url));
// Package folders by path: not every package exports its package.json or its dist files.
const packageDir = (name: string) => join(here, '..', '..', 'node_modules', name);

export interface WebOptions {
  sessionTtlMinutes: number;
  secureCookies: boolean;
  /** The login form's limit per client address. */
  loginLimit: LoginLimit;
  /** PUBLIC_URL; absent: links are made from the request's own scheme and host. */
  publicUrl?: string | undefined;
}

/**
 * A web module: one area of the app (worklist, creditor portal, …). It adds its menu entries and
 * routes to the WebApp. To add an area, write `src/web/pages/<area>/routes.ts` and add it here.
 */
export type WebModule = (web: WebApp) => void;

const MODULES: WebModule[] = [registerAuthPages, registerHomePage, registerWorklistPages, registerArchivePages, registerMunicipalityAdminPages, registerExperimentPages, registerCapacityPages, registerCreditorPages, registerDashboardPages, registerRulesPages, registerBrandingPages, registerAccountRecoveryPages, registerAccountPages, registerSecurityPages, registerSsoPages, registerProviderPages, registerAuditPages, registerReferralPages, registerOutreachPages, registerResidentPages, registerPrivacyPages];

/**
 * The web app: server-rendered React pages with NL Design System CSS, plain HTML forms
 * (progressive enhancement) and a few static scripts of our own. Not part of the API: no /v1,
 * hidden from OpenAPI.
 */
export async function registerWebApp(app: FastifyInstance, deps: AppDeps, opts: WebOptions): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 1024 * 1024 });
    // Forms with a file (the organisation's logo): fields and the file in req.body like a plain form,
    // so the router's CSRF check reads _csrf as usual. A larger file is cut one byte past the logo
    // limit rather than refused here, so its page can say why (src/domain/branding/logo.ts).
    await scope.register(multipart, { attachFieldsToBody: 'keyValues', throwFileSizeLimit: false, limits: { fileSize: Math.max(MAX_LOGO_BYTES, MAX_DOCUMENT_BYTES) + 1, files: 1, fields: 20, fieldSize: 64 * 1024 } });
    const assets: Array<[string, string]> = [
      ['/assets/utrecht/components/', join(packageDir('@utrecht/component-library-css'), 'dist')],
      ['/assets/utrecht/design-tokens/', join(packageDir('@utrecht/design-tokens'), 'dist')],
      ['/assets/chart.js/', join(packageDir('chart.js'), 'dist')],
      ['/assets/web/', join(here, 'assets')],
    ];
    let first = true;
    for (const [prefix, root] of assets) {
      await scope.register(fastifyStatic, { root, prefix, decorateReply: first, index: false, list: false, maxAge: '1h', schemaHide: true });
      first = false;
    }
    const web = new WebApp(scope, deps, opts, deps.rules);
    for (const m of MODULES) m(web);
  });
}
