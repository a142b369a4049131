// Which implementation guides Claimlint validates, by the version in GS08 (and ST03). Hand-written
// data beside the generated schema: the maps pyx12 ships decide what can be validated; these
// tables say what to do with the versions it has no map of.

/**
 * Versions one map covers exactly. pyx12's maps.xml routes 005010X223A2 to its institutional map
 * and names it for A1 (837Q3.I.5010.X223.A1.xml); A2 is A1 with its errata folded in.
 */
export const GUIDE_ALIASES: Readonly<Record<string, string>> = {
  '005010X223A1': '005010X223A2',
};

/**
 * Later errata of a mapped guide, validated with the nearest map we have and said so once
 * (the pyx12 reference results do the same). Differences of the newer errata are not checked.
 */
export const NEAREST_GUIDES: Readonly<Record<string, string>> = {
  '005010X222A2': '005010X222A1',
  '005010X223A3': '005010X223A2',
};

/**
 * Base releases HIPAA never adopted, by the version it adopted in their place (the base release
 * with its errata): a clearinghouse rejects a group that names one. Such a group is checked against
 * the adopted version's map, whose GS08 and ST03 take only that version, so both are reported as
 * codes not in their lists, naming the version to write.
 */
export const ADOPTED_INSTEAD: Readonly<Record<string, string>> = {
  '005010X222': '005010X222A1',
  '005010X223': '005010X223A2',
};

/**
 * Versions with no map: reported once, as information, and not validated against the guide.
 * 837 Dental 5010 (X224) has no pyx12 map, and writing its differences from the 4010 dental map
 * by hand would be a guide we could not check against any reference.
 */
export const NOT_VALIDATED: Readonly<Record<string, string>> = {
  '005010X224': '837 Dental 5010',
  '005010X224A1': '837 Dental 5010',
  '005010X224A2': '837 Dental 5010',
  '005010X224A3': '837 Dental 5010',
};

/** Rule id of the one information finding for a version that is not validated. */
export const NOT_VALIDATED_RULE = 'guide.not-validated';

/** Rule id of a version that disagrees with another (ISA12, GS08, ST03) or with the claims found. */
export const VERSION_MISMATCH_RULE = 'guide.version-mismatch';
