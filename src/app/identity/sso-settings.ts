import type { RelyingParty, RelyingPartySettings } from '../../infra/oidc/relying-party.ts';
import type { EherkenningClaimNames } from '../../domain/identity/admit.ts';

/**
 * The eHerkenning broker the platform has a contract with (one for every creditor), from the
 * environment (README "Connecting an identity provider"): its issuer, the platform's client at it,
 * and the claim names it puts the KvK number and the assurance level in.
 */
export interface EherkenningBroker extends RelyingPartySettings {
  scopes: string;
  claims: EherkenningClaimNames;
  /** Shown on the login button. */
  displayName: string;
}

/** Single sign-on as the use cases need it: one relying party, and the eHerkenning broker if there is one. */
export interface SsoSettings {
  relyingParty: RelyingParty;
  eherkenning?: EherkenningBroker;
}
