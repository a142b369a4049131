// The hierarchical levels of an 837 (HL03) and the level each one's parent (HL02) must be: the
// billing provider (20, loop 2000A) is the top, a subscriber (22, 2000B) hangs under a billing
// provider, a patient (23, 2000C) under a subscriber (ASC X12 837 implementation guides, 2000
// loops). A level code not listed here is not judged.
export const HL_LEVEL_PARENTS: Readonly<Record<number, number>> = { 22: 20, 23: 22 };

export const HL_LEVEL_NAMES: Readonly<Record<number, string>> = { 20: 'billing provider', 22: 'subscriber', 23: 'patient' };
