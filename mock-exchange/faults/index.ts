// Public entry of the fault switches: the catalog, the spec parser and the reproducible decision.

export { shouldInject, unitOf } from './decide.ts';
export { idleFaults, type IdleFault } from './idleFaults.ts';
export { NO_FAULTS, backendDelayOf, faultSetOf, parseFaultSpec, type FaultSet, type FaultValue } from './parseFaultSpec.ts';
export {
  BACKEND_DELAY_HOLD_MS,
  EXCHANGE_ROUTES,
  FAULT_SWITCHES,
  GARBLE_FIELDS,
  VULNERABLE_SWITCH_NAMES,
  isFaultName,
  type ExchangeRoute,
  type FaultKind,
  type FaultSwitch,
  type GarbleField,
  type VulnerableSwitch,
} from './switches.ts';
