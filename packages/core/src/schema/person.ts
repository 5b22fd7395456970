// People (人员), by what each file holds: the type and `Agency.people`
// (person-type.ts), the `people` query (person-queries.ts), creating and updating people
// (person-mutations.ts), a certificate's status, annual review and issuance (certificate-mutations.ts),
// and role changes with their reasons (person-roles.ts).
import type { ZhifaBuilder } from '../builder.js';
import type { CoreEnums } from './enums.js';
import { registerPersonType } from './person-type.js';
import { registerPersonQueries } from './person-queries.js';
import { registerPersonMutations } from './person-mutations.js';
import { registerCertificateMutations } from './certificate-mutations.js';
import { registerPersonRoles } from './person-roles.js';

export function registerPerson(builder: ZhifaBuilder, enums: CoreEnums) {
  const types = registerPersonType(builder, enums);
  registerPersonQueries(builder, types);
  const { CertificateInput } = registerPersonMutations(builder, types);
  registerCertificateMutations(builder, types, CertificateInput);
  registerPersonRoles(builder, types);
  return types.PersonRef;
}
