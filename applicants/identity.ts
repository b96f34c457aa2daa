// Synthetic identities that can never be real: SSNs from the 900–999 area (never issued as SSNs), phone numbers
// in the 555-0100–0199 range reserved for fiction, e-mail under example.com.

import type { Faker } from '@faker-js/faker';

/** Area 900–999, group 01–99, serial 0001–9999: nine digits, never an issued SSN. */
export function syntheticSsn(faker: Faker): string {
  const area = faker.number.int({ min: 900, max: 999 });
  const group = faker.number.int({ min: 1, max: 99 });
  const serial = faker.number.int({ min: 1, max: 9999 });
  return `${area}${String(group).padStart(2, '0')}${String(serial).padStart(4, '0')}`;
}

/** Ten digits: a real area code of the state, exchange 555, line 0100–0199. */
export function fictionalPhone(faker: Faker, areaCodes: readonly string[]): string {
  return `${faker.helpers.arrayElement(areaCodes)}5550${faker.number.int({ min: 100, max: 199 })}`;
}

export function exampleEmail(firstName: string, lastName: string, id: string): string {
  const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
  return `${local}.${id.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.com`;
}

/** Checks used by tests and by the generator's own guard. */
export const isNeverIssuedSsn = (ssn: string): boolean => /^\d{9}$/.test(ssn) && (ssn.startsWith('9') || ssn.startsWith('000') || ssn.startsWith('666'));
export const isFictionalPhone = (phone: string): boolean => /^\d{3}5550(1\d\d)$/.test(phone);
