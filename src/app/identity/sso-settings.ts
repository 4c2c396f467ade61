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

/**
 * The platform's DigiD connection (through a broker, OpenID Connect) for residents on their own
 * page (/mijn-signaal, issue 24): DIGID_ISSUER and friends, or the demo's own DigiD-style provider.
 */
export interface DigidConnection extends RelyingPartySettings {
  scopes: string;
  /** The claim the broker puts the BSN in. */
  bsnClaim: string;
}

/** Single sign-on as the use cases need it: one relying party, and the eHerkenning broker if there is one. */
export interface SsoSettings {
  relyingParty: RelyingParty;
  eherkenning?: EherkenningBroker;
  digid?: DigidConnection;
}
