// Examples in reconciliation.json must help a person find a defect without carrying a full identity:
// SSNs keep their last four digits, names their initial, birth dates their year.

export type MaskedField = 'ssn' | 'dob' | 'firstName' | 'lastName';
const MASKED = new Set<string>(['ssn', 'dob', 'firstName', 'lastName']);

export function maskSsn(ssn: string): string {
  const digits = ssn.replace(/\D/g, '');
  return digits.length >= 4 ? `***-**-${digits.slice(-4)}` : '***-**-****';
}

export function maskDob(dob: string): string {
  return /^\d{4}/.test(dob) ? `${dob.slice(0, 4)}-**-**` : '****-**-**';
}

export function initialOf(name: string): string {
  const first = name.trim().charAt(0).toUpperCase();
  return first ? `${first}.` : '?';
}

export function initials(firstName: string, lastName: string): string {
  return `${initialOf(firstName)}${initialOf(lastName)}`;
}

/** A value as it may appear in an example: personal fields masked, amounts and codes as they are. */
export function exampleValue(field: string, value: unknown): unknown {
  if (!MASKED.has(field) || typeof value !== 'string') return value;
  if (field === 'ssn') return maskSsn(value);
  if (field === 'dob') return maskDob(value);
  return initialOf(value);
}
