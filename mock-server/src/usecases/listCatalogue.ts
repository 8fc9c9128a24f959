import { catalogueUnavailable } from '../domain/errors';
import type { BusinessType, RegistrationKind } from '../domain/catalogue';
import type { CatalogueRepository } from '../ports';

export interface ListCatalogueInput {
  kind?: RegistrationKind;
}

export interface ListCatalogueOutput {
  catalogueVersion: number;
  businessTypes: BusinessType[];
}

/** The current service catalogue, optionally only one registration kind, in catalogue order. */
export async function listCatalogue(
  deps: { catalogue: CatalogueRepository },
  input: ListCatalogueInput = {},
): Promise<ListCatalogueOutput> {
  const current = await deps.catalogue.current();
  if (!current) throw catalogueUnavailable();
  const businessTypes = input.kind
    ? current.businessTypes.filter((b) => b.kind === input.kind)
    : current.businessTypes;
  return { catalogueVersion: current.version, businessTypes };
}
