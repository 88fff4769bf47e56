// Who is asking: an authenticated API key's tenant, role and (for a borrower) the borrower it acts as.
import type { Role } from "../store/schema.ts";

export interface Actor {
  readonly tenantId: string;
  readonly keyId: string;
  readonly role: Role;
  /** Set for the borrower role only: the one borrower whose loans and profile the key may see and act on. */
  readonly borrowerId: string | undefined;
}

export function actorLabel(actor: Actor): string {
  return actor.borrowerId === undefined
    ? `${actor.role}:${actor.keyId}`
    : `${actor.role}:${actor.keyId}(${actor.borrowerId})`;
}
