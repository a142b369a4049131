// Service lines kept for the coding checks alone (the CLI's reads in pieces: X12Stream with
// codedLinesOnly, the CSV stream): only what the checks read (serviceGroups.ts, checkPtp.ts,
// checkUnits.ts, checkAddOns.ts: the code and its span, the modifiers' values, the units and
// their span, the date, the provider, the line's number) is made; the spans only hovers and fixes
// read are NO_SPAN, and modifiers are shared objects, one per value. Such a line, kept to the end
// of a run by every check that can pair it, costs about half a line read whole.
import type { Modifier, Span } from './model';
import { detached } from './text';

/** The span of what a kept line does not hold (a removal span, a record span): never read, never moved. */
export const NO_SPAN: Span = Object.freeze({ start: 0, end: 0 });

/** One frozen modifier object per value (its span NO_SPAN): a kept line's modifiers are read for their values alone. */
export class SharedModifiers {
  private readonly byValue = new Map<string, Modifier>();

  get(value: string): Modifier {
    let modifier = this.byValue.get(value);
    if (modifier === undefined) {
      if (this.byValue.size >= 50000) this.byValue.clear();
      const own = detached(value);
      modifier = Object.freeze({ value: own, span: NO_SPAN });
      this.byValue.set(own, modifier);
    }
    return modifier;
  }
}
