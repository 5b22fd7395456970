// People (人员), by what each file holds: the type and `Agency.people`
// (person-type.ts), the `people` query (person-queries.ts), creating and updating people
// (person-mutations.ts), and a certificate's status and annual review (certificate-mutations.ts).
import type { ZhifaBuilder } from '../builder.js';
import type { CoreEnums } from './enums.js';
import { registerPersonType } from './person-type.js';
import { registerPersonQueries } from './person-queries.js';
import { registerPersonMutations } from './person-mutations.js';
import { registerCertificateMutations } from './certificate-mutations.js';

export function registerPerson(builder: ZhifaBuilder, enums: CoreEnums) {
  const types = registerPersonType(builder, enums);
  registerPersonQueries(builder, types);
  registerPersonMutations(builder, types);
  registerCertificateMutations(builder, types);
  return types.PersonRef;
}
