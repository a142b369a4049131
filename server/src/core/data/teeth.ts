// The teeth and tooth surfaces an 837D service line names (its TOO segment), by the ADA's
// Universal/National Tooth Designation System, the one the dental implementation guides use
// (TOO01 `JP`): permanent teeth 1-32 and primary teeth A-T, numbered from the upper right third
// molar (1) or second primary molar (A) around the upper arch and back along the lower one;
// a supernumerary tooth is 50 more than the tooth it is beside (51-82), or its letter and S
// (AS-TS). Surfaces (TOO03, up to five): B, D, F, I, L, M, O. Names in Claimlint's own words.

/** TOO01: the code list qualifier of the Universal/National Tooth Designation System. */
export const TOOTH_SYSTEM_QUALIFIER = 'JP';

/** Where each permanent tooth is, 1 to 32. */
const PERMANENT: readonly string[] = [
  'upper right third molar', 'upper right second molar', 'upper right first molar', 'upper right second premolar',
  'upper right first premolar', 'upper right canine', 'upper right lateral incisor', 'upper right central incisor',
  'upper left central incisor', 'upper left lateral incisor', 'upper left canine', 'upper left first premolar',
  'upper left second premolar', 'upper left first molar', 'upper left second molar', 'upper left third molar',
  'lower left third molar', 'lower left second molar', 'lower left first molar', 'lower left second premolar',
  'lower left first premolar', 'lower left canine', 'lower left lateral incisor', 'lower left central incisor',
  'lower right central incisor', 'lower right lateral incisor', 'lower right canine', 'lower right first premolar',
  'lower right second premolar', 'lower right first molar', 'lower right second molar', 'lower right third molar',
];

/** Where each primary tooth is, A to T. */
const PRIMARY: readonly string[] = [
  'upper right second molar', 'upper right first molar', 'upper right canine', 'upper right lateral incisor',
  'upper right central incisor', 'upper left central incisor', 'upper left lateral incisor', 'upper left canine',
  'upper left first molar', 'upper left second molar', 'lower left second molar', 'lower left first molar',
  'lower left canine', 'lower left lateral incisor', 'lower left central incisor', 'lower right central incisor',
  'lower right lateral incisor', 'lower right canine', 'lower right first molar', 'lower right second molar',
];

function toothNames(): Record<string, string> {
  const names: Record<string, string> = {};
  PERMANENT.forEach((where, i) => {
    names[String(i + 1)] = `permanent tooth, ${where}`;
    names[String(i + 51)] = `supernumerary tooth beside tooth ${i + 1} (${where})`;
  });
  PRIMARY.forEach((where, i) => {
    const letter = String.fromCharCode(65 + i);
    names[letter] = `primary tooth, ${where}`;
    names[`${letter}S`] = `supernumerary tooth beside primary tooth ${letter} (${where})`;
  });
  return names;
}

/** Every tooth designation (TOO02) and what it names. */
export const TOOTH_NAMES: Readonly<Record<string, string>> = Object.freeze(toothNames());

/** The tooth surface codes (TOO03-1 to TOO03-5). */
export const TOOTH_SURFACES: Readonly<Record<string, string>> = {
  B: 'buccal',
  D: 'distal',
  F: 'facial',
  I: 'incisal',
  L: 'lingual',
  M: 'mesial',
  O: 'occlusal',
};

/** Surfaces a TOO03 composite holds at most. */
export const MAX_TOOTH_SURFACES = 5;

export function isToothDesignation(value: string): boolean {
  return Object.hasOwn(TOOTH_NAMES, value);
}

export function isToothSurface(value: string): boolean {
  return Object.hasOwn(TOOTH_SURFACES, value);
}
